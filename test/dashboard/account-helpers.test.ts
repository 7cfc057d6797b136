import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../server/dashboard/src/account/password-strength';
import { formatWait, parseRetryAfterSeconds } from '../../server/dashboard/src/account/retry-after';
import { inviteTokenFromHash } from '../../server/dashboard/src/account/use-hash';
import { canSeeAdmin, visibleAdminTabs } from '../../server/dashboard/src/admin/admin-tabs';
import { parseRetention } from '../../server/dashboard/src/admin/SettingsTab';
import { addTag, moveTag, removeTag } from '../../server/dashboard/src/admin/tag-list';
import { roleCan, type Role } from '#shared/roles';

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

describe('admin tabs by role', () => {
  const tabsOf = (role: Role) => visibleAdminTabs((permission) => roleCan(role, permission));
  it('shows admins everything and others nothing', () => {
    expect(tabsOf('admin')).toEqual(['members', 'invites', 'tokens', 'audit', 'settings', 'data']);
    for (const role of ['ops', 'member', 'guest'] as const) {
      expect(tabsOf(role)).toEqual([]);
      expect(canSeeAdmin({ can: (permission) => roleCan(role, permission) })).toBe(false);
    }
  });
});

describe('tag list edits', () => {
  it('adds normalised, refuses duplicates, moves within bounds, removes', () => {
    expect(addTag(['slow'], '  Blocked ')).toEqual({ ok: true, value: ['slow', 'blocked'] });
    expect(addTag(['slow'], 'SLOW')).toEqual({ ok: false, reason: '“slow” is already in the list' });
    expect(addTag([], '   ').ok).toBe(false);
    expect(moveTag(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveTag(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveTag(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(removeTag(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });
});

describe('retention input', () => {
  it('is null for "keep forever", else whole days in range', () => {
    expect(parseRetention(true, 'junk')).toEqual({ ok: true, value: null });
    expect(parseRetention(false, '30')).toEqual({ ok: true, value: 30 });
    expect(parseRetention(false, '1.5').ok).toBe(false);
    expect(parseRetention(false, '3651').ok).toBe(false);
    expect(parseRetention(false, '').ok).toBe(false);
  });
});
