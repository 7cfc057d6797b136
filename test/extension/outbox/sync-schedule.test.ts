import { describe, expect, it } from 'vitest';
import { IDLE_PERIOD_MINUTES, MIN_ALARM_DELAY_MS, nextSyncAlarm, PENDING_PERIOD_MINUTES } from '@/lib/outbox/sync-schedule';

const NOW = 1_000_000;

describe('nextSyncAlarm', () => {
  it('wakes up when the earliest entry is due (a backoff’s end, or a lease’s expiry)', () => {
    expect(nextSyncAlarm({ earliestDue: NOW + 5 * 60_000 }, NOW)).toEqual({
      when: NOW + 5 * 60_000,
      periodInMinutes: PENDING_PERIOD_MINUTES,
    });
  });

  it('never sooner than the browser allows, even for an entry due already', () => {
    expect(nextSyncAlarm({ earliestDue: NOW - 1 }, NOW).when).toBe(NOW + MIN_ALARM_DELAY_MS);
  });

  it('only checks now and then when nothing is unsent', () => {
    expect(nextSyncAlarm({ earliestDue: null }, NOW)).toEqual({
      when: NOW + IDLE_PERIOD_MINUTES * 60_000,
      periodInMinutes: IDLE_PERIOD_MINUTES,
    });
  });
});
