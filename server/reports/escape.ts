/** Escaping for the text formats reports are written in: captured text is data, never markup. */

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Safe in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char] ?? char);
}

/**
 * Markdown (CommonMark/GFM) text for inside a line we started (a list item or a table cell):
 * every character that could open a link, image, emphasis, code, raw HTML, an entity or a table
 * column is backslash-escaped, and line breaks become spaces so text cannot start a block of its own.
 * URLs, `www.` addresses and emails are broken up so GFM does not turn them into links either.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_{}[\]()<>#!|~&]/g, (char) => `\\${char}`)
    // A leading list marker would open a nested list inside ours.
    .replace(/^([-+])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2')
    // GFM autolinks: an escaped `:` or `.` stops `http://` and `www.` literals (found while parsing).
    .replace(/:/g, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    // Emails, `mailto:`, `xmpp:` and @mentions are found in the rendered text, where escapes are gone: `@` goes in a code span.
    .replace(/@/g, '`@`');
}
