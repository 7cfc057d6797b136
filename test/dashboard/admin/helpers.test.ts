import { describe, expect, it } from 'vitest';
import { roleCan, type Role } from '#shared/roles';
import { canSeeAdmin, visibleAdminTabs } from '../../../server/dashboard/src/admin/admin-tabs';
import { parseRetention } from '../../../server/dashboard/src/admin/SettingsTab';
import { addTag, moveTag, removeTag } from '../../../server/dashboard/src/admin/tag-list';

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
