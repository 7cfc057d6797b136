import { describe, expect, it } from 'vitest';
import { applyTriage, changesNothing, describeChange } from '../../../../server/dashboard/src/ui/triage/optimistic';
import { reviewed } from '../../support/review-fixtures';

describe('optimistic triage', () => {
  const capture = reviewed({ triage: { status: 'new', priority: 'low', assignee: null, mergedInto: null, updatedAt: 'then' } });
  const person = (id: string) => ({ id, name: `Person ${id}` });

  it('shows the change before the server answers', () => {
    expect(applyTriage(capture, { status: 'resolved', priority: null, assigneeId: 'u9' }, person, 'now').triage).toEqual({
      status: 'resolved',
      priority: null,
      assignee: { id: 'u9', name: 'Person u9' },
      mergedInto: null,
      updatedAt: 'now',
    });
    expect(applyTriage(capture, { priority: 'urgent' }, person, 'now').triage.status).toBe('new');
  });

  it('knows when nothing would change', () => {
    expect(changesNothing(capture, { status: 'new' })).toBe(true);
    expect(changesNothing(capture, { priority: 'low', assigneeId: null })).toBe(true);
    expect(changesNothing(capture, { status: 'triaged' })).toBe(false);
    expect(changesNothing(capture, { assigneeId: 'u1' })).toBe(false);
  });

  it('says what changed', () => {
    expect(describeChange({ status: 'resolved' }, 1, null)).toBe('Status set to Resolved');
    expect(describeChange({ priority: null, assigneeId: 'u1' }, 3, 'Ann')).toBe('Priority cleared, assigned to Ann on 3 captures');
    expect(describeChange({ assigneeId: null }, 2, null)).toBe('Unassigned on 2 captures');
  });
});
