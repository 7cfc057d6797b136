/**
 * The feed's date presets. They are written into the URL as plain dates (`from=2026-11-16`,
 * UTC days, as the server counts them), so a shared link shows the same days to everyone; no
 * `to`, so captures keep arriving into "the last 7 days".
 */

export const DATE_PRESETS = ['today', '7d', '30d'] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];
export type DateChoice = 'any' | DatePreset | 'custom';

export const DATE_PRESET_LABELS: Readonly<Record<DateChoice, string>> = {
  any: 'Any time',
  today: 'Today',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  custom: 'Custom',
};

const DAY_MS = 24 * 60 * 60 * 1000;
const PRESET_DAYS: Readonly<Record<DatePreset, number>> = { today: 1, '7d': 7, '30d': 30 };

/** `YYYY-MM-DD` of an instant, in UTC. */
export function utcDay(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** The `from` a preset means today. */
export function presetFrom(preset: DatePreset, now: Date): string {
  return utcDay(new Date(now.getTime() - (PRESET_DAYS[preset] - 1) * DAY_MS));
}

/** Which choice a from/to pair is, as the picker shows it. */
export function dateChoice(range: { from?: string; to?: string }, now: Date): DateChoice {
  if (range.from === undefined && range.to === undefined) return 'any';
  if (range.to === undefined || range.to === utcDay(now)) {
    const preset = DATE_PRESETS.find((candidate) => presetFrom(candidate, now) === range.from);
    if (preset) return preset;
  }
  return 'custom';
}
