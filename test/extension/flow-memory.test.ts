import { describe, expect, it } from 'vitest';
import { FLOW_MEMORY_MS, recallFlow, rememberFlow, type FlowMemoryStore } from '@/lib/flow-memory';

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

  it('remembers the flow per site while the user walks it', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://app.example.com/setup/team', onboarding, 1000);
    expect(await recallFlow(store, 'https://app.example.com/setup/billing?x=1', 2000)).toEqual(onboarding);
    expect(await recallFlow(store, 'https://other.example.com/', 2000)).toBeUndefined();
    expect(await recallFlow(store, 'https://app.example.com/', 1000 + FLOW_MEMORY_MS)).toBeUndefined();
  });

  it('forgets a site’s flow when the reporter cleared it, keeping other sites', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'https://a.example/', onboarding, 0);
    await rememberFlow(store, 'https://b.example/', { name: 'Checkout' }, 0);
    await rememberFlow(store, 'https://a.example/', undefined, 10);
    expect(await recallFlow(store, 'https://a.example/', 20)).toBeUndefined();
    expect(await recallFlow(store, 'https://b.example/', 20)).toEqual({ name: 'Checkout' });
  });

  it('ignores pages without an origin and stored values that do not validate', async () => {
    const store = memoryStore();
    await rememberFlow(store, 'about:blank', onboarding, 0);
    expect(store.value).toBeUndefined();
    store.value = { 'https://a.example': { flow: { name: '' }, at: 0 } };
    expect(await recallFlow(store, 'https://a.example/', 1)).toBeUndefined();
  });
});
