import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { API_PREFIX, apiError } from '#shared/api';
import { capture, DIAGNOSTIC_ENTRIES_MAX } from '#shared/capture';
import {
  authHeaders,
  detailedCaptureFields,
  detailedClipFields,
  makeTestApp,
  postCapture,
  sampleCaptureInput,
  type TestApp,
} from './helpers';
import { captureDetail } from '#shared/review';

/** GET /captures/:id answers the capture with its review details; these tests look at the capture. */
const capturePart = (json: unknown) => capture.strip().parse(captureDetail.parse(json));

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

async function issuePaths(res: Response): Promise<string[]> {
  expect(res.status).toBe(400);
  const body = apiError.parse(await res.json());
  return body.error.issues?.map((issue) => issue.path) ?? [];
}

describe('captures with classification, customer, flow, pinned element, clip context and diagnostics', () => {
  it('stores every field and answers them on GET, exactly as sent', async () => {
    const input = sampleCaptureInput(detailedCaptureFields());
    const res = await postCapture(t, input);
    expect(res.status).toBe(201);
    const stored = capture.parse(await res.json());
    expect(stored).toMatchObject({
      category: input.category,
      severity: input.severity,
      customer: input.customer,
      flow: input.flow,
      element: input.element,
      diagnostics: input.diagnostics,
      environment: input.environment,
    });
    const fetched = await t.app.request(`${API_PREFIX}/captures/${input.id}`, { headers: authHeaders(t.token) });
    expect(capturePart(await fetched.json())).toEqual(stored);
  });

  it('stores a clip’s context and text-fragment link', async () => {
    const res = await postCapture(t, sampleCaptureInput(detailedClipFields()));
    expect(res.status).toBe(201);
    expect(capture.parse(await res.json())).toMatchObject(detailedClipFields());
  });

  it('still takes a capture from an older client with none of the new fields', async () => {
    const res = await postCapture(t, sampleCaptureInput());
    expect(res.status).toBe(201);
    const stored = capture.parse(await res.json());
    expect(stored).not.toHaveProperty('category');
    expect(stored).not.toHaveProperty('element');
  });

  it('treats a retry with the same new fields as the same capture, and different ones as a conflict', async () => {
    const input = sampleCaptureInput(detailedCaptureFields());
    expect((await postCapture(t, input)).status).toBe(201);
    expect((await postCapture(t, input)).status).toBe(200);
    expect((await postCapture(t, { ...input, severity: 'low' })).status).toBe(409);
  });

  it.each([
    ['category', { category: 'rant' }],
    ['severity', { severity: 'urgent' }],
    ['customer', { customer: '   ' }],
    ['customer', { customer: 'x'.repeat(201) }],
    ['flow.name', { flow: { name: '', step: 'one' } }],
    ['flow', { flow: { name: 'Onboarding', extra: 1 } }],
    ['element.selector', { element: { ...detailedCaptureFields().element, selector: '' } }],
    ['element.viewportBox.width', { element: { ...detailedCaptureFields().element, viewportBox: { x: 0, y: 0, width: -1, height: 1 } } }],
    ['element.framePath', { element: { ...detailedCaptureFields().element, framePath: Array(11).fill('iframe') } }],
    ['diagnostics.consoleErrors', { diagnostics: { consoleErrors: Array(DIAGNOSTIC_ENTRIES_MAX + 1).fill({ at: '2026-11-22T12:00:00Z', message: 'x' }), failedRequests: [] } }],
    ['diagnostics.failedRequests.0.status', { diagnostics: { consoleErrors: [], failedRequests: [{ at: '2026-11-22T12:00:00Z', method: 'GET', url: '/x', status: 1000 }] } }],
    ['diagnostics.consoleErrors.0.message', { diagnostics: { consoleErrors: [{ at: '2026-11-22T12:00:00Z', message: 'x'.repeat(1001) }], failedRequests: [] } }],
    ['environment.zoom', { environment: { ...sampleCaptureInput().environment, zoom: 0 } }],
    ['textFragmentUrl', { textFragmentUrl: 'https://example.com/#:~:text=x' }],
    ['quoteContext', { quoteContext: { prefix: 'a', suffix: 'b' } }],
    ['quoteContext.prefix', { ...detailedClipFields(), quoteContext: { prefix: 'x'.repeat(201), suffix: '' } }],
  ])('names %s when it is wrong, with a 400', async (path, override) => {
    expect(await issuePaths(await postCapture(t, { ...sampleCaptureInput(), ...override }))).toContain(path);
  });
});
