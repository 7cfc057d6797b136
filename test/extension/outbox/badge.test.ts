import { describe, expect, it } from 'vitest';
import { badgeFor } from '@/lib/outbox/badge';

describe('badgeFor', () => {
  it('is empty when everything is sent', () => {
    expect(badgeFor({ unsent: 0, needsAttention: 0 })).toEqual({ text: '', color: '#5f6368', title: 'Snag' });
  });

  it('counts what is waiting, in grey', () => {
    expect(badgeFor({ unsent: 3, needsAttention: 0 })).toEqual({ text: '3', color: '#5f6368', title: 'Snag: 3 waiting to be sent' });
  });

  it('adds what needs attention, and turns red', () => {
    expect(badgeFor({ unsent: 2, needsAttention: 1 })).toEqual({
      text: '3',
      color: '#d93025',
      title: 'Snag: 2 waiting to be sent, 1 needs attention',
    });
    expect(badgeFor({ unsent: 0, needsAttention: 2 }).title).toBe('Snag: 2 need attention');
  });

  it('fits in the badge', () => {
    expect(badgeFor({ unsent: 999, needsAttention: 0 }).text).toBe('999');
    expect(badgeFor({ unsent: 1000, needsAttention: 5 }).text).toBe('999+');
  });
});
