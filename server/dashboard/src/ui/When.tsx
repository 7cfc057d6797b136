const format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "22 Nov 2026, 13:05" in the viewer's locale; the raw text if it is not a date. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : format.format(date);
}

/** A <time> element for a server timestamp, or `never` when there is none. */
export function When({ iso, never = 'Never' }: { iso: string | null; never?: string }) {
  if (iso === null) return <span>{never}</span>;
  return <time dateTime={iso}>{formatWhen(iso)}</time>;
}
