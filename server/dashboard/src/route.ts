import { captureKind, type CaptureKind } from '#shared/capture';
import { FEED_MAX_LIMIT } from '#shared/api';

/**
 * Hash routes, so every view (including its filters) is a shareable URL and the server needs no
 * SPA fallback:
 *   #/                         the feed
 *   #/?kind=clip&tag=checkout  the feed, filtered (also `limit`, the page size)
 *   #/captures/<id>            one capture
 */

export interface FeedFilters {
  kind?: CaptureKind;
  tag?: string;
  limit?: number;
}

export type Route =
  | { name: 'feed'; filters: FeedFilters }
  | { name: 'capture'; id: string }
  | { name: 'not-found'; path: string };

/** Tags are stored trimmed and lower-cased; filter the same way. */
export function normaliseTag(raw: string): string {
  return raw.trim().toLowerCase();
}

export function parseFilters(params: URLSearchParams): FeedFilters {
  const filters: FeedFilters = {};
  const kind = captureKind.safeParse(params.get('kind'));
  if (kind.success) filters.kind = kind.data;
  const tag = normaliseTag(params.get('tag') ?? '');
  if (tag) filters.tag = tag;
  const limit = Number(params.get('limit'));
  if (Number.isInteger(limit) && limit >= 1 && limit <= FEED_MAX_LIMIT) filters.limit = limit;
  return filters;
}

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryAt = raw.indexOf('?');
  const path = (queryAt === -1 ? raw : raw.slice(0, queryAt)) || '/';
  const params = new URLSearchParams(queryAt === -1 ? '' : raw.slice(queryAt + 1));

  if (path === '/') return { name: 'feed', filters: parseFilters(params) };
  const detail = /^\/captures\/([^/]+)\/?$/.exec(path);
  if (detail?.[1]) {
    let id: string;
    try {
      id = decodeURIComponent(detail[1]);
    } catch {
      return { name: 'not-found', path };
    }
    return { name: 'capture', id };
  }
  return { name: 'not-found', path };
}

export function feedHref(filters: FeedFilters = {}): string {
  const params = new URLSearchParams();
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.limit !== undefined) params.set('limit', String(filters.limit));
  const query = params.toString();
  return query ? `#/?${query}` : '#/';
}

export function captureHref(id: string): string {
  return `#/captures/${encodeURIComponent(id)}`;
}

export function formatRoute(route: Route): string {
  switch (route.name) {
    case 'feed':
      return feedHref(route.filters);
    case 'capture':
      return captureHref(route.id);
    case 'not-found':
      return `#${route.path}`;
  }
}
