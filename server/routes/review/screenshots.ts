import { Hono } from 'hono';
import {
  SCREENSHOT_MAX_BYTES,
  type ScreenshotContentType,
  type ScreenshotInfo,
  screenshotContentType,
  screenshotContentTypes,
} from '#shared/capture';
import { allow } from '../../auth/allow';
import type { AppEnv } from '../../env';
import { errorBody } from '../../http/errors';
import { KeyedLock } from '../../http/keyed-lock';
import { validateParams } from '../../http/validate';
import type { ApiDeps } from '../api-deps';
import { callerOf, viewerOf } from '../../auth/caller';
import { publishChanges } from './live-publish';
import { quotaRefusal, typeRefusal } from './screenshot-checks';
import { captureIdParams } from '../params';

const tooLarge = errorBody(
  'payload_too_large',
  `screenshot is larger than the ${SCREENSHOT_MAX_BYTES}-byte limit; send a smaller or more compressed image`,
);

function matchesDeclaration(
  declared: ScreenshotInfo,
  received: { sha256: string; bytes: number },
  contentType: ScreenshotContentType,
): boolean {
  return declared.sha256 === received.sha256 && declared.bytes === received.bytes && declared.contentType === contentType;
}

/** If-None-Match compares weakly (RFC 9110 §13.1.2): any listed tag, `W/` or not, or `*`. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || tag === `W/${etag}`;
  });
}

export function screenshotRoutes(deps: ApiDeps) {
  const { store, screenshots, events, limits } = deps;
  // One upload per person at a time from the quota check to the attach, so racing uploads cannot pass the quota.
  const uploadsByPerson = new KeyedLock();
  return new Hono<AppEnv>()
    .put('/:id/screenshot', allow('capture:create'), validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const header = c.req.header('Content-Type');
      const contentType = screenshotContentType.safeParse(header?.split(';')[0]?.trim().toLowerCase());
      if (!contentType.success) {
        const got = header === undefined ? 'none was sent' : `got ${header}`;
        return c.json(
          errorBody('unsupported_media_type', `Content-Type must be one of ${screenshotContentTypes.join(', ')} (${got})`),
          415,
        );
      }
      // Refuse early when the client says up front it is too big; the stream is counted anyway.
      const announcedLength = Number(c.req.header('Content-Length'));
      if (Number.isFinite(announcedLength) && announcedLength > SCREENSHOT_MAX_BYTES) return c.json(tooLarge, 413);

      const target = await store.findScreenshotTarget(id);
      if (target === null) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      const { capture, declared } = target;
      const { user } = callerOf(c);
      if (capture.reporter.id !== user.id) {
        return c.json(errorBody('forbidden', 'only the person who made this capture can attach its screenshot'), 403);
      }
      if (declared === null && capture.kind !== 'screenshot') {
        return c.json(errorBody('conflict', `a ${capture.kind} capture does not take a screenshot`), 409);
      }

      const received = await screenshots.receive(c.req.raw.body);
      if (!received.ok) {
        if (received.reason === 'too_large') return c.json(tooLarge, 413);
        return c.json(errorBody('invalid_request', received.message, [{ path: '(body)', message: received.message }]), 400);
      }

      if (declared !== null && !matchesDeclaration(declared, received, contentType.data)) {
        await received.discard();
        return c.json(
          errorBody(
            'conflict',
            `this is not the screenshot declared with the capture (expected ${declared.contentType}, ${declared.bytes} bytes, sha256 ${declared.sha256}); send those exact bytes`,
          ),
          409,
        );
      }

      const attached = capture.screenshot;
      if (attached !== null) {
        await received.discard();
        if (attached.sha256 === received.sha256) return c.json(capture, 200);
        return c.json(errorBody('conflict', 'this capture already has a different screenshot; it cannot be replaced'), 409);
      }

      const result = await uploadsByPerson.run(user.id, async () => {
        const refusal = typeRefusal(received.head, contentType.data) ?? (await quotaRefusal(store, user.id, limits.storageBytesPerPerson, received.bytes));
        if (refusal !== null) {
          await received.discard();
          return { status: 'refused' as const, refusal };
        }
        // File first, row second: a row must never point at bytes that are not on disk. Both under the
        // file's lock, so an erasure of the same bytes cannot remove the file in between.
        return screenshots.exclusive(received.sha256, async () => {
          try {
            await received.commit();
          } catch (error) {
            await received.discard();
            throw error;
          }
          return store.attachScreenshot(id, { sha256: received.sha256, bytes: received.bytes, contentType: contentType.data });
        });
      });
      switch (result.status) {
        case 'refused':
          return c.json(result.refusal.body, result.refusal.status);
        case 'attached':
          // A capture that declared its screenshot appears in the feed only now.
          publishChanges(events, declared === null ? 'capture.updated' : 'capture.created', [result.capture], user.id, deps.now().toISOString());
          return c.json(result.capture, 201);
        case 'existing':
          return c.json(result.capture, 200);
        case 'conflict':
          return c.json(errorBody('conflict', 'this capture already has a different screenshot; it cannot be replaced'), 409);
        case 'not_found':
          return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      }
    })
    .get('/:id/screenshot', allow('feed:read'), validateParams(captureIdParams), async (c) => {
      const { id } = c.req.valid('param');
      const capture = await store.getCapture(id);
      const viewer = viewerOf(callerOf(c));
      // Someone else's capture is not there for a guest, image included.
      if (capture === null || (!viewer.seesAll && capture.reporter.id !== viewer.userId)) return c.json(errorBody('not_found', `no capture with id ${id}`), 404);
      const info = capture.screenshot;
      if (info === null) return c.json(errorBody('not_found', `capture ${id} has no screenshot (yet)`), 404);

      const etag = `"${info.sha256}"`;
      const cacheHeaders = {
        ETag: etag,
        // Revalidated on every use (a cheap 304), so a deleted capture's image stops showing at once.
        'Cache-Control': 'private, no-cache',
        'X-Content-Type-Options': 'nosniff',
      };
      if (matchesEtag(c.req.header('If-None-Match'), etag)) return c.body(null, 304, cacheHeaders);

      const file = await screenshots.read(info.sha256);
      if (file === null) {
        console.error(`screenshot ${info.sha256} of capture ${id} is recorded but missing from disk`);
        return c.json(errorBody('not_found', `the screenshot file of capture ${id} is missing on the server`), 404);
      }
      return c.body(file.body, 200, {
        ...cacheHeaders,
        'Content-Type': info.contentType,
        'Content-Length': String(file.bytes),
      });
    });
}
