import { Hono } from 'hono';
import { DIGEST_DEFAULT_DAYS, digestQuery } from '#shared/insights';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { fieldError } from '../../http/errors';
import { validateQuery } from '../../http/validate';
import { buildDigest } from '../../reports/digest';
import { DIGEST_CSP, digestHtml } from '../../reports/html';
import { digestMarkdown } from '../../reports/markdown';
import { resolveRange } from '../../store/insights/range';
import type { ApiDeps } from '../api-deps';
import { auditActor, callerOf, viewerOf } from '../../auth/caller';
import { auditedQuery, originOf } from './request-info';

/** GET /reports/digest (mounted at /reports): the weekly report on the feed filter's captures, as Markdown (for chat and wikis) or printable HTML. */
export function reportRoutes(deps: ApiDeps) {
  return new Hono<AppEnv>().get('/digest', allow('export:create'), validateQuery(digestQuery), async (c) => {
    const { format, ...filter } = c.req.valid('query');
    const now = deps.now();
    const resolved = resolveRange(filter, now, DIGEST_DEFAULT_DAYS);
    if (!resolved.ok) return c.json(fieldError(resolved.field, resolved.message), 400);
    const auth = callerOf(c);
    const report = await buildDigest({ store: deps.store, viewer: viewerOf(auth), filter, range: resolved.range, origin: originOf(c), now });
    await deps.store.audit.record({
      action: 'digest.created',
      actor: auditActor(auth.user),
      details: { format, rows: report.headline.created, filter: auditedQuery(c) },
    });

    const day = now.toISOString().slice(0, 10);
    if (format === 'html') {
      return c.body(digestHtml(report), 200, {
        'Content-Type': 'text/html; charset=utf-8',
        // Replaces the API's CSP: the page may use its own inline styles, nothing else.
        'Content-Security-Policy': DIGEST_CSP,
        'Content-Disposition': `inline; filename="snag-digest-${day}.html"`,
      });
    }
    return c.body(digestMarkdown(report), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
      'Content-Disposition': `inline; filename="snag-digest-${day}.md"`,
    });
  });
}
