import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { ElementLocator } from '#shared/capture';
import { ALL_SCRUBBERS } from '#shared/pii';
import { draftDetails, draftTitle, emptyDetailFields, scrubDetails, withDetails, type DetailedDraft } from '@/lib/capture/details';
import { type DraftDetails } from '@/lib/capture/draft';
import { putDraft } from '@/lib/capture/draft-store';
import { getScreenshot, listOutbox } from '@/lib/outbox/queue';
import { buildCaptureInput, saveCapture } from '@/lib/capture/save';
import { encodeFakeImage, fakeCanvases, noisyPixels } from '../fake-canvas';
import { clipDraft, freshDb, screenshotDraft } from '../helpers';

const element: ElementLocator = {
  selector: '[data-testid="export"]',
  xpath: '/html/body/main/button',
  tagName: 'button',
  text: 'Export for jane@example.com',
  role: 'button',
  name: 'Export',
  viewportBox: { x: 10, y: 20, width: 100, height: 30 },
  documentBox: { x: 10, y: 820, width: 100, height: 30 },
};

const diagnostics = {
  consoleErrors: [{ at: '2026-11-22T12:59:00.000Z', message: 'Failed for jane@example.com', source: 'https://app.example.com/a.js:1:2' }],
  failedRequests: [{ at: '2026-11-22T12:59:30.000Z', method: 'GET', url: 'https://api.example.com/me?token=abc123secret', status: 401 }],
};

function base(draft: DetailedDraft) {
  const built = buildCaptureInput(draft, { comment: '', tags: '', annotations: [] }, uuidv7(), ALL_SCRUBBERS);
  if (!built.ok) throw new Error(built.reason);
  return built.value;
}

describe('draftDetails', () => {
  it('reads the details a capture flow stored, and none from a draft without them', () => {
    const details: DraftDetails = { element, customer: 'Globex' };
    const draft: DetailedDraft = { ...screenshotDraft(), details };
    expect(draftDetails(draft)).toEqual(details);
    expect(draftDetails(screenshotDraft())).toEqual({});
  });

  it('ignores details that no longer validate (written by another version)', () => {
    const draft = Object.assign(screenshotDraft(), { details: { element: { selector: 42 } } });
    expect(draftDetails(draft)).toEqual({});
  });
});

describe('draftTitle', () => {
  it('names what was captured', () => {
    expect(draftTitle(screenshotDraft())).toBe('New screenshot');
    expect(draftTitle(clipDraft())).toBe('New clip');
    const pin: DetailedDraft = { ...screenshotDraft(), details: { element } };
    const fullPage: DetailedDraft = { ...screenshotDraft(), details: { fullPage: { pageHeight: 5000, capturedHeight: 5000, cut: false } } };
    expect(draftTitle(pin)).toBe('New pin');
    expect(draftTitle(fullPage)).toBe('New full-page screenshot');
  });
});

describe('withDetails', () => {
  it('adds category, severity, customer and flow, trimmed', () => {
    const draft = screenshotDraft();
    const result = withDetails(
      base(draft),
      {},
      { category: 'friction', severity: 'medium', customer: ' Globex ', flow: ' Onboarding ', step: 'Invite ' },
      ALL_SCRUBBERS,
    );
    expect(result).toMatchObject({
      ok: true,
      value: { category: 'friction', severity: 'medium', customer: 'Globex', flow: { name: 'Onboarding', step: 'Invite' } },
    });
  });

  it('leaves empty fields out, so the capture looks like an older client’s', () => {
    const result = withDetails(base(screenshotDraft()), {}, emptyDetailFields, ALL_SCRUBBERS);
    expect(result.ok && Object.keys(result.value).sort()).toEqual(
      ['annotations', 'comment', 'createdAt', 'environment', 'id', 'kind', 'page', 'tags'].sort(),
    );
  });

  it('asks for a flow when only a step is given, and names the field that is too long', () => {
    const draft = screenshotDraft();
    expect(withDetails(base(draft), {}, { ...emptyDetailFields, step: 'Two' }, ALL_SCRUBBERS)).toEqual({
      ok: false,
      reason: 'Step: name the flow the step belongs to',
    });
    expect(withDetails(base(draft), {}, { ...emptyDetailFields, customer: 'x'.repeat(201) }, ALL_SCRUBBERS)).toEqual({
      ok: false,
      reason: 'Customer: a customer is at most 200 characters',
    });
    expect(withDetails(base(draft), {}, { ...emptyDetailFields, flow: 'F', step: 'x'.repeat(101) }, ALL_SCRUBBERS)).toEqual({
      ok: false,
      reason: 'Step: at most 100 characters',
    });
  });

  it('scrubs the pinned element’s text and the diagnostics, URLs included', () => {
    const draft = screenshotDraft();
    const result = withDetails(base(draft), { element, diagnostics }, { ...emptyDetailFields, customer: 'jane@example.com' }, ALL_SCRUBBERS);
    expect(result.ok).toBe(true);
    const text = JSON.stringify(result.ok && result.value);
    expect(text).not.toContain('jane@example.com');
    expect(text).not.toContain('abc123secret');
    expect(result).toMatchObject({
      ok: true,
      value: {
        customer: '[email]',
        element: { text: 'Export for [email]', selector: '[data-testid="export"]' },
        diagnostics: { consoleErrors: [{ message: 'Failed for [email]' }], failedRequests: [{ url: 'https://api.example.com/me?token=[redacted]' }] },
      },
    });
  });

  it('leaves the diagnostics out when the reporter unticked them', () => {
    const result = withDetails(base(screenshotDraft()), { diagnostics }, { ...emptyDetailFields, attachDiagnostics: false }, ALL_SCRUBBERS);
    expect(result.ok && result.value.diagnostics).toBeUndefined();
  });

  it('gives a clip its context and a link to the quote, built from the scrubbed address and text', () => {
    const draft = clipDraft({
      page: { url: 'https://crm.example.com/accounts/8812?session=abcdef123456', title: 'Account' },
      quote: 'Export is disabled',
    });
    const result = withDetails(
      base(draft),
      { quoteContext: { prefix: 'Account 8812: ', suffix: ' since May' }, quoteUnique: true },
      emptyDetailFields,
      ALL_SCRUBBERS,
    );
    expect(result).toMatchObject({
      ok: true,
      value: {
        quoteContext: { prefix: 'Account 8812: ', suffix: ' since May' },
        textFragmentUrl: 'https://crm.example.com/accounts/8812?session=[redacted]#:~:text=Export%20is%20disabled',
      },
    });
  });

  it('never links a clip by words the scrubber hid', () => {
    const draft = clipDraft({ quote: 'jane@example.com' });
    const result = withDetails(base(draft), { quoteContext: { prefix: '', suffix: '' }, quoteUnique: true }, emptyDetailFields, ALL_SCRUBBERS);
    expect(result.ok && result.value.textFragmentUrl).toBeUndefined();
    expect(result.ok && result.value.quote).toBe('[email]');
  });
});

describe('scrubDetails', () => {
  it('counts what it hid, for the editor’s notice', () => {
    const { found } = scrubDetails(
      { page: { url: 'https://a.example', title: '' }, quote: undefined },
      { element },
      { ...emptyDetailFields, customer: 'bob@example.com' },
      ALL_SCRUBBERS,
    );
    expect(found.email).toBe(2);
  });
});

describe('saveCapture with details', () => {
  it('stores the capture with its details in the outbox, image encoded, draft gone', async () => {
    const db = await freshDb();
    const draft: DetailedDraft = {
      ...screenshotDraft({ image: encodeFakeImage(noisyPixels(20, 10)) }),
      details: { element, diagnostics },
    };
    await putDraft(db, draft);
    const saved = await saveCapture(
      { db, canvases: fakeCanvases(), scrub: ALL_SCRUBBERS, now: () => 42, newId: uuidv7 },
      draft,
      {
        comment: 'Export is greyed out',
        tags: 'blocked',
        annotations: [],
        details: { category: 'bug', severity: 'high', customer: 'Globex', flow: 'Billing', step: '' },
      },
    );
    expect(saved.ok).toBe(true);
    const [entry] = await listOutbox(db);
    expect(entry?.input).toMatchObject({
      comment: 'Export is greyed out',
      tags: ['blocked'],
      category: 'bug',
      severity: 'high',
      customer: 'Globex',
      flow: { name: 'Billing' },
      element: { selector: '[data-testid="export"]' },
      diagnostics: { failedRequests: [{ status: 401 }] },
    });
    expect((await getScreenshot(db, entry?.id ?? ''))?.contentType).toBe('image/webp');
    expect(await db.count('drafts')).toBe(0);
  });

  it('saves nothing when a detail is invalid', async () => {
    const db = await freshDb();
    const draft = screenshotDraft({ image: encodeFakeImage(noisyPixels(4, 4)) });
    await putDraft(db, draft);
    const saved = await saveCapture(
      { db, canvases: fakeCanvases(), scrub: ALL_SCRUBBERS, now: () => 42, newId: uuidv7 },
      draft,
      { comment: '', tags: '', annotations: [], details: { ...emptyDetailFields, step: 'only a step' } },
    );
    expect(saved.ok).toBe(false);
    expect(await listOutbox(db)).toEqual([]);
    expect(await db.count('drafts')).toBe(1);
  });
});
