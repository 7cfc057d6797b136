import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { CaptureDetail, ReviewedCapture } from '#shared/review';
import { describeError } from '../http';
import type { TriageApi, TriageChange } from './api';
import { plural } from '../format';
import type { CaptureHub } from '../capture-hub';
import type { Notices } from '../notices';
import type { People } from '../people';
import type { SessionUser } from '../session-types';
import { applyTriage, changesNothing, describeChange } from './optimistic';

interface TriageDeps {
  api: TriageApi;
  hub: CaptureHub;
  notices: Notices;
  people: People;
  me: SessionUser;
  /** The capture as currently shown, to apply the change to (and restore on failure). */
  read: (id: string) => ReviewedCapture | undefined;
  now?: () => Date;
}

export interface TriageActions {
  /** Change triage on these captures: shown at once, confirmed or rolled back by the server. */
  change(ids: readonly string[], change: TriageChange): Promise<void>;
  /** Merge duplicates into the target; resolves with the survivor, or null when it failed. */
  merge(targetId: string, duplicateIds: readonly string[], onUndone?: () => void): Promise<CaptureDetail | null>;
  unmerge(id: string): Promise<void>;
}

/**
 * Triage with optimistic updates. Every view showing a capture listens to the hub, so the change
 * appears everywhere at once. Each capture remembers its latest request: an older answer arriving
 * late never overwrites a newer change, and a failure only rolls back what it changed itself.
 */
export function useTriage(deps: TriageDeps): TriageActions {
  const latest = useRef(deps);
  useLayoutEffect(() => {
    latest.current = deps;
  });
  const requestOf = useRef(new Map<string, number>());
  const counter = useRef(0);

  const change = useCallback(async (ids: readonly string[], triageChange: TriageChange) => {
    const { api, hub, notices, people, me, read, now = () => new Date() } = latest.current;
    const before = ids.flatMap((id) => {
      const capture = read(id);
      return capture && !changesNothing(capture, triageChange) ? [capture] : [];
    });
    if (before.length === 0) return;

    const person = (id: string) => ({ id, name: id === me.id ? me.name : (people.nameOf(id) ?? 'Someone') });
    const at = now().toISOString();
    const request = ++counter.current;
    for (const capture of before) {
      requestOf.current.set(capture.id, request);
      hub.publish({ source: 'local', type: 'updated', capture: applyTriage(capture, triageChange, person, at) });
    }
    const assigneeName = triageChange.assigneeId ? person(triageChange.assigneeId).name : null;
    notices.announce(describeChange(triageChange, before.length, assigneeName));

    const isLatest = (id: string) => requestOf.current.get(id) === request;
    try {
      const updated =
        before.length === 1 && before[0]
          ? [await api.triage(before[0].id, triageChange)]
          : await bulkUpdate(api, hub, before.map((capture) => capture.id), triageChange, notices);
      for (const capture of updated) {
        if (isLatest(capture.id)) hub.publish({ source: 'local', type: 'updated', capture });
      }
    } catch (error) {
      for (const capture of before) {
        if (isLatest(capture.id)) hub.publish({ source: 'local', type: 'updated', capture });
      }
      const what = before.length === 1 ? 'the capture' : plural(before.length, 'capture', 'captures');
      notices.toast({ tone: 'error', message: `Could not update ${what}: ${describeError(error)}` });
    } finally {
      for (const capture of before) if (isLatest(capture.id)) requestOf.current.delete(capture.id);
    }
  }, []);

  const unmerge = useCallback(async (id: string) => {
    const { api, hub, notices } = latest.current;
    try {
      const capture = await api.unmerge(id);
      hub.publish({ source: 'local', type: 'updated', capture });
      notices.announce('Unmerged: the capture is back in the feed as New');
    } catch (error) {
      notices.toast({ tone: 'error', message: `Could not unmerge: ${describeError(error)}` });
    }
  }, []);

  const merge = useCallback(
    async (targetId: string, duplicateIds: readonly string[], onUndone?: () => void) => {
      const { api, hub, notices, read, now = () => new Date() } = latest.current;
      try {
        const survivor = await api.merge(targetId, duplicateIds);
        const at = now().toISOString();
        for (const id of duplicateIds) {
          const duplicate = read(id);
          if (duplicate) {
            const triage = { ...duplicate.triage, status: 'duplicate' as const, mergedInto: targetId, updatedAt: at };
            hub.publish({ source: 'local', type: 'updated', capture: { ...duplicate, triage } });
          }
        }
        hub.publish({ source: 'local', type: 'updated', capture: survivor });
        notices.toast({
          message: `Merged ${plural(duplicateIds.length, 'capture', 'captures')} into “${survivor.page.title || survivor.page.url}”`,
          action: {
            label: 'Undo',
            run: () => {
              void Promise.all(duplicateIds.map((id) => api.unmerge(id))).then(
                (restored) => {
                  for (const capture of restored) hub.publish({ source: 'local', type: 'updated', capture });
                  notices.announce('Merge undone');
                  onUndone?.();
                },
                (error: unknown) => notices.toast({ tone: 'error', message: `Could not undo the merge: ${describeError(error)}` }),
              );
            },
          },
        });
        return survivor;
      } catch (error) {
        notices.toast({ tone: 'error', message: `Could not merge: ${describeError(error)}` });
        return null;
      }
    },
    [],
  );

  // One object for the component's life, so rows memoised on it do not re-render.
  return useMemo(() => ({ change, merge, unmerge }), [change, merge, unmerge]);
}

async function bulkUpdate(
  api: TriageApi,
  hub: CaptureHub,
  ids: string[],
  change: TriageChange,
  notices: Notices,
): Promise<ReviewedCapture[]> {
  const { updated, notFound } = await api.bulkTriage(ids, change);
  if (notFound.length > 0) {
    for (const id of notFound) hub.publish({ source: 'local', type: 'removed', id });
    notices.toast({
      tone: 'error',
      message: `${plural(notFound.length, 'capture was', 'captures were')} not found (deleted meanwhile?)`,
    });
  }
  return updated;
}
