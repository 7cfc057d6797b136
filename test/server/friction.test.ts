import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { feedPage } from '#shared/review';
import { onboardingResponse } from '#shared/insights';
import { loadPreview } from '../../server/dashboard/src/insights/digest-preview';
import { dashboardInsightsApi } from './dashboard-client';
import { API_PREFIX, authHeaders, makeTestApp, postCapture, sampleCaptureInput, type TestApp } from './helpers';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const WEEK = { from: '2026-11-16', to: '2026-11-22' };

/**
 * "Friction" end to end: what the extension sends (a screenshot or a clip whose category is
 * friction, in a flow) must show in the feed's Category filter, Insights → Onboarding, the digest's
 * friction section and the Reports page's headline, all counting the same captures.
 */
describe('friction is the category, everywhere', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await makeTestApp({ now: () => NOW });
  });
  afterEach(async () => {
    await t.close();
  });

  const get = async (path: string) => {
    const response = await t.app.request(`${API_PREFIX}${path}`, { headers: authHeaders(t.token) });
    expect(response.status, await response.clone().text()).toBe(200);
    return response;
  };

  /** Two screenshot captures and one clip classified as friction in a flow, one bug in the same flow, one friction elsewhere. */
  async function seed(): Promise<{ friction: string[]; bug: string }> {
    const inFlow = (step: string, customer: string, day: number, overrides: Parameters<typeof sampleCaptureInput>[0] = {}) =>
      sampleCaptureInput({
        createdAt: `2026-11-${day}T10:00:00.000Z`,
        category: 'friction',
        severity: 'high',
        customer,
        flow: { name: 'Onboarding', step },
        ...overrides,
      });
    const bodies = [
      inFlow('Connect bank', 'Acme', 17),
      inFlow('Connect bank', 'Globex', 18),
      inFlow('Invite teammates', 'Acme', 19, { kind: 'clip', annotations: [], quote: 'Invite failed' }),
    ];
    const bug = inFlow('Connect bank', 'Initech', 20, { category: 'bug' });
    for (const body of [...bodies, bug]) expect((await postCapture(t, body)).status).toBe(201);
    expect((await postCapture(t, sampleCaptureInput({ createdAt: '2026-11-21T10:00:00.000Z', category: 'friction' }))).status).toBe(201);
    return { friction: bodies.map((body) => body.id), bug: bug.id };
  }

  it('the feed filters by category: category=friction finds screenshot and clip captures, kind=friction finds none of them', async () => {
    const { friction, bug } = await seed();
    const ids = async (query: string) => feedPage.parse(await (await get(`/captures?${query}`)).json()).items.map((item) => item.id);
    const found = await ids('category=friction&flow=Onboarding');
    expect(found.toSorted()).toEqual(friction.toSorted());
    expect(found).not.toContain(bug);
    expect(await ids('category=bug')).toEqual([bug]);
    expect(await ids('kind=friction')).toEqual([]);
    const refused = await t.app.request(`${API_PREFIX}/captures?category=annoyance`, { headers: authHeaders(t.token) });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('category');
  });

  it('a text-only capture of the old kind friction is filed under the category too', async () => {
    const body = sampleCaptureInput({ kind: 'friction', annotations: [], createdAt: '2026-11-20T10:00:00.000Z' });
    const created = await postCapture(t, body);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ category: 'friction' });
    const page = feedPage.parse(await (await get('/captures?category=friction')).json());
    expect(page.items.map((item) => item.id)).toEqual([body.id]);
  });

  it('onboarding insights, the digest and the Reports headline count the same friction', async () => {
    await seed();
    const onboarding = onboardingResponse.parse(await (await get(`/insights/onboarding?category=friction&from=${WEEK.from}&to=${WEEK.to}`)).json());
    expect(onboarding.flows).toHaveLength(1);
    expect(onboarding.flows[0]).toMatchObject({ flow: 'Onboarding', captures: 3, customers: 2, worstStep: 'Connect bank' });
    expect(onboarding.flows[0]?.steps.map(({ step, count, customers }) => ({ step, count, customers }))).toEqual([
      { step: 'Connect bank', count: 2, customers: 2 },
      { step: 'Invite teammates', count: 1, customers: 1 },
    ]);

    const digest = (await (await get(`/reports/digest?from=${WEEK.from}&to=${WEEK.to}`)).text()).split('\n');
    expect(digest.filter((line) => line.startsWith('| Onboarding |'))).toEqual([
      '| Onboarding | Connect bank | 2 | 2 | 0 | 2 |',
      '| Onboarding | Invite teammates | 1 | 1 | 0 | 1 |',
    ]);

    // The Reports page's headline, as the dashboard computes it from the same server.
    const api = await dashboardInsightsApi(t, NOW);
    const preview = await loadPreview(api, WEEK, new URLSearchParams(), new AbortController().signal);
    expect(preview.worstStep).toEqual({ flow: 'Onboarding', sentence: "Step 'Connect bank' hurts most: 2 captures from 2 customers" });
    expect(preview.total).toBe(5);
  });
});
