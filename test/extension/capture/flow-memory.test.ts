import { describe, expect, it } from 'vitest';
import { FLOW_MEMORY_MS, recallFlow, rememberFlow, samePathPrefix, type FlowMemoryStore } from '@/lib/capture/flow-memory';

function memoryStore(): FlowMemoryStore & { value: unknown } {
  const store: FlowMemoryStore & { value: unknown } = {
    value: undefined,
    getValue: async () => store.value,
    setValue: async (value) => {
      store.value = value;
    },
  };
  return store;
}

describe('flow memory', () => {
  const onboarding = { name: 'Onboarding', step: 'Invite teammates' };
  const minute = 60_000;

  it('carries the flow over in the same part of the site, recently, and says from where and when', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://app.example.com/setup/team', onboarding, 1000);
    expect(await recallFlow(store, 'https://app.example.com/setup/billing?x=1', 1000 + 5 * minute)).toEqual({
      flow: onboarding,
      path: '/setup/team',
      at: 1000,
    });
    expect(await recallFlow(store, 'https://other.example.com/setup/team', 2000)).toBeUndefined();
  });

  it('does not carry it to another part of the same site', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://app.example.com/setup/team', onboarding, 0);
    // The "Billing" invented in the charts: a capture on an unrelated page of the site.
    expect(await recallFlow(store, 'https://app.example.com/billing/invoices', minute)).toBeUndefined();
    expect(await recallFlow(store, 'https://app.example.com/', minute)).toBeUndefined();
    expect(await recallFlow(store, 'https://app.example.com/setupwizard', minute)).toBeUndefined();
  });

  it('does not carry it after half an hour, or from a clock that went back', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://app.example.com/setup/team', onboarding, 10 * minute);
    expect(FLOW_MEMORY_MS).toBe(30 * minute);
    expect(await recallFlow(store, 'https://app.example.com/setup/team', 10 * minute + FLOW_MEMORY_MS - 1)).toBeDefined();
    expect(await recallFlow(store, 'https://app.example.com/setup/team', 10 * minute + FLOW_MEMORY_MS)).toBeUndefined();
    expect(await recallFlow(store, 'https://app.example.com/setup/team', 0)).toBeUndefined();
  });

  it('never carries what an older version stored without the page it came from', async () => {
    const store = memoryStore();
    store.value = { 'https://app.example.com': { flow: onboarding, at: 0 } };
    expect(await recallFlow(store, 'https://app.example.com/setup/team', 1)).toBeUndefined();
  });

  it('compares the first segment of the path, case-insensitively; the home page is a part of its own', () => {
    expect(samePathPrefix('/Setup/team', '/setup')).toBe(true);
    expect(samePathPrefix('/', '/')).toBe(true);
    expect(samePathPrefix('/', '/setup')).toBe(false);
    expect(samePathPrefix('/setup/team', '/settings/team')).toBe(false);
  });

  it('forgets a site’s flow when the reporter cleared it, keeping other sites', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://a.example/', onboarding, 0);
    await rememberFlow(store, 'https://b.example/', { name: 'Checkout' }, 0);
    await rememberFlow(store, 'https://a.example/', undefined, 10);
    expect(await recallFlow(store, 'https://a.example/', 20)).toBeUndefined();
    expect(await recallFlow(store, 'https://b.example/', 20)).toMatchObject({ flow: { name: 'Checkout' } });
  });

  it('ignores pages without an origin and stored values that do not validate', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'about:blank', onboarding, 0);
    expect(store.value).toBeUndefined();
    store.value = { 'https://a.example': { flow: { name: '' }, at: 0, path: '/' } };
    expect(await recallFlow(store, 'https://a.example/', 1)).toBeUndefined();
  });
});
