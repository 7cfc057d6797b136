import { describe, expect, it } from 'vitest';
import { formatBytes, formatDueIn } from '@/lib/outbox/format';

describe('outbox wording', () => {
  it('gives sizes in B, KB or MB', () => {
    expect([formatBytes(512), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(['512 B', '2 KB', '3.0 MB']);
  });

  it('says when the next attempt is due: now, in seconds, minutes or hours', () => {
    expect([formatDueIn(0, 1000), formatDueIn(40_000, 0), formatDueIn(180_000, 0), formatDueIn(2 * 3_600_000, 0)]).toEqual([
      'now',
      'in 40 s',
      'in 3 min',
      'in 2 h',
    ]);
  });
});
