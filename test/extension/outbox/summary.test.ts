import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '@/lib/outbox/model';
import { summarizeOutbox } from '@/lib/outbox/summary';
import { sampleInput } from '../helpers';

const NOW = 1_000_000;

const entry = (overrides: Partial<OutboxEntry>): OutboxEntry => ({
  id: crypto.randomUUID(),
  input: sampleInput(),
  state: 'waiting',
  attempts: 0,
  lastError: null,
  nextAttemptAt: 0,
  leaseId: null,
  recordAccepted: false,
  screenshot: { contentType: 'image/png', bytes: 2_000_000 },
  savedAt: 0,
  sentAt: null,
  ...overrides,
});

describe('summarizeOutbox', () => {
  it('counts each entry once, in the state the user should see', () => {
    const tokenProblem = { kind: 'token', reason: 'The server rejected the token: paste a valid one' } as const;
    const summary = summarizeOutbox(
      [
        entry({}),
        entry({ state: 'sending', leaseId: 'live', nextAttemptAt: NOW + 1 }),
        // Its run died and the lease ran out: it waits to be taken again.
        entry({ state: 'sending', leaseId: 'dead', nextAttemptAt: NOW }),
        entry({ nextAttemptAt: NOW + 60_000, lastError: { kind: 'unreachable', reason: "Can't reach https://snag.example.com" } }),
        entry({ state: 'sent' }),
        entry({ state: 'needs-attention', lastError: { kind: 'rejected', reason: 'comment: too long' } }),
        entry({ state: 'needs-attention', lastError: tokenProblem }),
      ],
      NOW,
    );
    expect(summary).toMatchObject({
      waiting: 3,
      sending: 1,
      sent: 1,
      needsAttention: 2,
      retrying: "Can't reach https://snag.example.com",
      nextAttemptAt: 0,
    });
    expect(summary.attention.map((item) => [item.problem, item.reason])).toEqual([
      ['rejected', 'comment: too long'],
      ['token', tokenProblem.reason],
    ]);
  });

  it('lists what is being sent, by phase, with the screenshot’s size once it is that phase', () => {
    const recordPhase = entry({ state: 'sending', nextAttemptAt: NOW + 1, input: sampleInput({ page: { url: 'https://a.example/', title: 'A' } }) });
    const imagePhase = entry({ state: 'sending', nextAttemptAt: NOW + 1, recordAccepted: true, input: sampleInput({ page: { url: 'https://b.example/', title: '' } }) });
    expect(summarizeOutbox([recordPhase, imagePhase], NOW).uploads).toEqual([
      { id: recordPhase.id, title: 'A', phase: 'record', bytes: null },
      { id: imagePhase.id, title: 'https://b.example/', phase: 'screenshot', bytes: 2_000_000 },
    ]);
  });

  it('is all zeros for an empty outbox', () => {
    expect(summarizeOutbox([], NOW)).toEqual({
      waiting: 0,
      sending: 0,
      sent: 0,
      needsAttention: 0,
      attention: [],
      uploads: [],
      retrying: null,
      nextAttemptAt: null,
    });
  });
});
