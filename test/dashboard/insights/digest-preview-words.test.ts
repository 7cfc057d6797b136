import { describe, expect, it } from 'vitest';
import { describeKinds, describeTopHotspot, type DigestPreview } from '../../../server/dashboard/src/insights/digest-preview';

const preview = (overrides: Partial<DigestPreview>): DigestPreview => ({ total: 0, byKind: [], topHotspot: null, worstStep: null, topCustomer: null, ...overrides });

describe('Reports headline words', () => {
  it('names kinds in plain words, so text-only captures do not read as the Friction category', () => {
    const kinds = describeKinds(preview({ total: 4, byKind: [{ key: 'friction', count: 3 }, { key: 'screenshot', count: 1 }] }));
    expect(kinds).toBe('3 text-only, 1 screenshot');
    expect(describeKinds(preview({ total: 2, byKind: [{ key: 'clip', count: 2 }] }))).toBe('2 clips');
  });

  it('leaves customers out of the top hot spot when none were named', () => {
    const spot = { route: 'app.example.com/billing', count: 2, customers: 0, direction: 'new' as const };
    expect(describeTopHotspot(preview({ topHotspot: spot }))).toBe('app.example.com/billing: 2 captures, ✦ new');
    expect(describeTopHotspot(preview({ topHotspot: { ...spot, customers: 1 } }))).toBe('app.example.com/billing: 2 captures from 1 customer, ✦ new');
  });
});
