import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signInInput } from '#shared/account';
import { captureInput } from '#shared/capture';
import { NUL_MESSAGE, text } from '#shared/text';
import { sampleCaptureInput } from '../server/helpers';

describe('text(): the one string of the wire schemas', () => {
  it('refuses a NUL character anywhere, naming the field', () => {
    expect(text().safeParse('fine').success).toBe(true);
    const refused = signInInput.safeParse({ email: 'ann@example.com', password: 'pass\u0000word' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ['password'], message: NUL_MESSAGE })]);
  });

  it('covers nested text fields and URLs of a capture', () => {
    const input = sampleCaptureInput();
    for (const broken of [
      { ...input, comment: 'a\u0000b' },
      { ...input, page: { ...input.page, url: 'https://app.example/a\u0000b' } },
      { ...input, page: { ...input.page, title: '\u0000' } },
      { ...input, tags: ['ok', 'b\u0000d'] },
    ]) {
      expect(captureInput.safeParse(broken).success).toBe(false);
    }
  });

  it('is used by every shared schema file (no bare z.string)', async () => {
    const dir = join(import.meta.dirname, '../../shared');
    const files = (await readdir(dir)).filter((name) => /\.tsx?$/.test(name) && name !== 'text.ts');
    for (const name of files) {
      const source = await readFile(join(dir, name), 'utf8');
      expect(source, name).not.toMatch(/\bz\s*\.\s*string\s*\(/);
      if (/\bz\.url\(/.test(source)) expect(source, name).toMatch(/z\.url\([^\n]*\.refine\(withoutNul/);
    }
  });
});
