import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../server/dashboard/src/account/password-strength';
import { formatWait, parseRetryAfterSeconds } from '../../../server/dashboard/src/account/retry-after';
import { inviteTokenFromHash } from '../../../server/dashboard/src/account/use-hash';

describe('password strength hint', () => {
  it('grades length, repetition, common words and personal details', () => {
    expect(passwordStrength('').level).toBe('empty');
    expect(passwordStrength('abc')).toEqual({ level: 'too-short', hint: 'Too short: 9 more characters needed.' });
    expect(passwordStrength('password1234').level).toBe('weak');
    expect(passwordStrength('aaaaaaaaaaaaaa').level).toBe('weak');
    expect(passwordStrength('mia-rocks-2026', ['Mia Member']).level).toBe('weak');
    expect(passwordStrength('mia-rocks-2026').level).toBe('strong');
    expect(passwordStrength('miamember2026!', ['miamember']).hint).toBe('Weak: it contains your name or email address.');
    expect(passwordStrength('plum orbit candle waltz').level).toBe('strong');
    expect(passwordStrength('Plum-orbit-9x').level).toBe('fair');
    expect(passwordStrength('Plum-orbit-9x!z').level).toBe('strong');
  });
});

describe('Retry-After', () => {
  it('reads seconds and dates, and words the wait rounding up', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(parseRetryAfterSeconds('120', now)).toBe(120);
    expect(parseRetryAfterSeconds('Sun, 22 Nov 2026 10:01:30 GMT', now)).toBe(90);
    expect(parseRetryAfterSeconds('soon', now)).toBeNull();
    expect(parseRetryAfterSeconds(null, now)).toBeNull();
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(45)).toBe('45 seconds');
    expect(formatWait(61)).toBe('2 minutes');
    expect(formatWait(900)).toBe('15 minutes');
    expect(formatWait(3601)).toBe('2 hours');
  });
});

describe('invite route', () => {
  it('finds the token in #/invite/<token> only', () => {
    expect(inviteTokenFromHash('#/invite/abc_DEF-123')).toBe('abc_DEF-123');
    expect(inviteTokenFromHash('#/invite/abc/')).toBe('abc');
    expect(inviteTokenFromHash('#/invite/')).toBeNull();
    expect(inviteTokenFromHash('#/invites')).toBeNull();
    expect(inviteTokenFromHash('#/')).toBeNull();
  });
});
