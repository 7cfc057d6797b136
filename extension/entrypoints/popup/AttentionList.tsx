import { useState } from 'react';
import type { OutboxStatus } from '@/lib/messages';

type Item = OutboxStatus['attention'][number];

const hints: Partial<Record<Item['problem'], string>> = {
  token: 'Once Snag is connected again (Options), it sends these by itself.',
  rejected: 'Snag will not send it again by itself: Retry once the problem is fixed, or Discard it.',
};

const kindNames: Record<Item['kind'], string> = { screenshot: 'Screenshot', clip: 'Clip', friction: 'Friction' };

const savedWhen = (savedAt: number) =>
  new Date(savedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Captures the server refused, each with the reason, Retry, and Discard (after confirmation). */
export function AttentionList({
  items,
  busy,
  onRetry,
  onDiscard,
}: {
  items: Item[];
  busy: boolean;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  return (
    <ul className="attention" aria-label="Captures that need attention">
      {items.map((item) => (
        <li key={item.id}>
          <p className="title">{item.title}</p>
          <p className="hint">{`${kindNames[item.kind]}, saved ${savedWhen(item.savedAt)}`}</p>
          <p className="reason">{item.reason}</p>
          {hints[item.problem] && <p className="hint">{hints[item.problem]}</p>}
          {confirming === item.id ? (
            <div className="actions" role="group" aria-label="Discard this capture?">
              <span>Delete it for good?</span>
              <button type="button" disabled={busy} onClick={() => onDiscard(item.id)}>
                Delete
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(null)}>
                Keep
              </button>
            </div>
          ) : (
            <div className="actions">
              <button type="button" disabled={busy} onClick={() => onRetry(item.id)}>
                Retry
              </button>
              <button type="button" disabled={busy} onClick={() => setConfirming(item.id)}>
                Discard
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
