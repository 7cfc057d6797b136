import type { PendingOverview } from './queue';

export const SYNC_ALARM = 'snag-sync';

/** Chrome fires alarms of packed extensions at most every 30 s anyway; sooner would hammer a dead server. */
export const MIN_ALARM_DELAY_MS = 30_000;
/** While anything is unsent: if a run dies before it can reschedule, the next one still comes. */
export const PENDING_PERIOD_MINUTES = 1;
/** With nothing unsent: catches a capture whose "sync now" message was lost. */
export const IDLE_PERIOD_MINUTES = 15;

export interface AlarmSchedule {
  when: number;
  periodInMinutes: number;
}

/**
 * When the background should next wake up to sync: when the earliest waiting entry is due, or the
 * earliest lease runs out (a run that died mid-request), but not sooner than `MIN_ALARM_DELAY_MS`.
 */
export function nextSyncAlarm({ earliestDue }: Pick<PendingOverview, 'earliestDue'>, now: number): AlarmSchedule {
  if (earliestDue === null) {
    return { when: now + IDLE_PERIOD_MINUTES * 60_000, periodInMinutes: IDLE_PERIOD_MINUTES };
  }
  return { when: Math.max(earliestDue, now + MIN_ALARM_DELAY_MS), periodInMinutes: PENDING_PERIOD_MINUTES };
}
