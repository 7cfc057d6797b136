/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields with a comma, quote or line
 * break in double quotes, quotes doubled), made safe to open in a spreadsheet.
 */

/** Excel reads a CSV as the system's legacy code page unless the file starts with a UTF-8 byte order mark. */
export const UTF8_BOM = '\uFEFF';

/**
 * Spreadsheets run a cell that starts with one of these as a formula (`=HYPERLINK(…)`,
 * `+cmd|' /C calc'!A0`, `@SUM(…)`), so captured text must never start a cell with them.
 */
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** One field: a leading `'` keeps text that looks like a formula as text (OWASP's advice). */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  // Our own numbers are counts, never negative; only text can smuggle a formula in.
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function neutraliseFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** One record, with its CRLF. */
export function csvRecord(fields: readonly (string | number | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
