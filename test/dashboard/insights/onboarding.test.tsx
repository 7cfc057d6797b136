import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InsightsPage } from '../../../server/dashboard/src/insights/InsightsPage';
import { fakeSession, hashParams, INSIGHT_ROUTES, mount, now, ONBOARDING, settle } from './fixtures';

let view: ReturnType<typeof mount>;
beforeEach(() => {
  view = mount();
});
afterEach(() => view.cleanup());

async function renderOnboarding(query: string, routes = INSIGHT_ROUTES) {
  const { session, requests } = fakeSession(routes);
  await view.render(
    <InsightsPage session={session} params={new URLSearchParams(query)} navigate={() => undefined} tab="onboarding" now={now} />,
  );
  await settle();
  return requests;
}

describe('Insights: onboarding friction', () => {
  it('names the step that hurts most in words, before the chart', async () => {
    await renderOnboarding('kind=friction');
    const flows = [...view.container.querySelectorAll('section.flow-friction')];
    expect(flows.map((flow) => flow.querySelector('h3')?.textContent)).toEqual(['Onboarding', 'Checkout']);
    expect(flows[0]?.querySelector('.worst-step strong')?.textContent).toBe(
      "Step 'Connect bank' hurts most: 41 captures from 17 customers",
    );
    expect(flows[0]?.textContent).toContain('60 captures from 25 customers across 3 steps');
    // A flow whose captures named no step has no worst step to name.
    expect(flows[1]?.querySelector('.worst-step')).toBeNull();
  });

  it('draws one bar per step in flow order, the worst highlighted, each linking to its captures', async () => {
    await renderOnboarding('kind=friction&from=2026-11-16&to=2026-11-22');
    const steps = [...view.container.querySelectorAll('section.flow-friction')][0]?.querySelectorAll('.step-bar') ?? [];
    expect([...steps].map((step) => step.querySelector('.step-name')?.textContent)).toEqual([
      'Create account',
      'Connect bank hurts most',
      'Invite team',
    ]);
    expect([...steps].map((step) => step.classList.contains('is-worst'))).toEqual([false, true, false]);
    const worst = steps[1]?.querySelector('a');
    expect(worst?.textContent).toContain('41 captures · 17 customers (3 critical, 20 high)');
    expect(Object.fromEntries(hashParams(worst?.getAttribute('href') ?? null))).toEqual({
      kind: 'friction',
      flow: 'Onboarding',
      step: 'Connect bank',
      from: '2026-11-16',
      to: '2026-11-22',
    });
    // Bars scale to the largest count in the flow.
    const widths = [...steps].map((step) => step.querySelector<HTMLElement>('.chart-bar-captures')?.style.width);
    expect(widths).toEqual([`${(5 / 41) * 100}%`, '100%', `${(14 / 41) * 100}%`]);
  });

  it('asks the server with the filter and range', async () => {
    const requests = await renderOnboarding('kind=friction&customer=Globex');
    const asked = requests.find((url) => url.pathname === '/api/v1/insights/onboarding');
    expect(asked?.searchParams.toString()).toBe('kind=friction&customer=Globex&from=2026-10-24&to=2026-11-22');
  });

  it('explains an empty range', async () => {
    await renderOnboarding('', { '/insights/onboarding': () => ({ ...ONBOARDING, flows: [] }) });
    expect(view.container.querySelector('.empty-state h3')?.textContent).toBe('No onboarding flows in this range');
  });
});
