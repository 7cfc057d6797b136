import { formatDateTime, formatFullDateTime, formatRelative } from './format';

/** A <time> element: relative ("5 minutes ago") or absolute, with the full date as a tooltip. */
export function Timestamp({ iso, relative = false }: { iso: string; relative?: boolean }) {
  return (
    <time dateTime={iso} title={formatFullDateTime(iso)}>
      {relative ? formatRelative(iso) : formatDateTime(iso)}
    </time>
  );
}
