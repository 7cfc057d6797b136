import { useState } from 'react';
import { ActionsTable } from '../ui/ActionsTable';
import type { Member } from '#shared/account';
import { roles, type Role } from '#shared/roles';
import { ChoiceSelect } from '../ui/ChoiceSelect';
import { ConfirmButton } from '../ui/ConfirmButton';
import { ROLE_LABELS } from '../ui/role-labels';
import { useLoad } from '../ui/use-load';
import { When } from '../ui/When';
import { ApiError, describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { changeMember, listMembers } from './api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';
import { LoadFailed } from '../ui/LoadFailed';

/** Why a change to a member was refused, for people. */
export function memberChangeProblem(error: unknown, who: string): string {
  if (error instanceof ApiError && (error.code === 'last_admin' || error.status === 409)) {
    return `${who} is the last active admin: make someone else an admin first, so the workspace keeps one.`;
  }
  return `Could not change ${who}: ${describeError(error)}`;
}

/** Everyone in the workspace: change a role, deactivate (after confirmation) or reactivate. */
export function MembersTab({ session }: { session: Session }) {
  const { http } = session;
  const [members, { reload, update }] = useLoad((signal) => listMembers(http, signal), [http]);
  const [result, setResult] = useState<ActionOutcome | null>(null);

  async function change(target: Member, patch: { role?: Role; active?: boolean }, done: string) {
    setResult(null);
    try {
      const changed = await changeMember(http, target.id, patch);
      update((data) => ({ members: data.members.map((known) => (known.id === changed.id ? changed : known)) }));
      setResult({ ok: true, text: done });
    } catch (error) {
      setResult({ ok: false, text: memberChangeProblem(error, target.name) });
      // The row shows the role the server has, not the one picked.
      reload();
    }
  }

  return (
    <section className="acct-section" aria-labelledby="members-title">
      <h2 id="members-title">Members</h2>
      <p className="acct-hint">
        Deactivating someone signs them out everywhere and revokes their tokens at once; what they reported stays, with
        their name. New people join through <a href="#/admin/invites">an invite</a>.
      </p>
      <ActionResult result={result} />
      {members.status === 'loading' && <p className="acct-hint">Loading members…</p>}
      {members.status === 'error' && <LoadFailed message={members.message} onRetry={reload} />}
      {members.status === 'ready' && (
        <ActionsTable caption="Members" columns={['Name', 'Email', 'Role', 'Status', 'Last seen']}>
          {members.data.members.map((person) => (
            <tr key={person.id} data-member-id={person.id}>
              <th scope="row">
                {person.name}
                {person.id === session.user.id && <span className="acct-hint"> (you)</span>}
              </th>
              <td>{person.email ?? ''}</td>
              <td>
                <label className="acct-sr-only" htmlFor={`role-${person.id}`}>
                  {`Role of ${person.name}`}
                </label>
                <ChoiceSelect
                  id={`role-${person.id}`}
                  choices={roles}
                  labels={ROLE_LABELS}
                  value={person.role}
                  disabled={!person.active}
                  onChoose={(chosen) => {
                    if (chosen !== person.role) {
                      void change(person, { role: chosen }, `${person.name} is now ${ROLE_LABELS[chosen].toLowerCase()}.`);
                    }
                  }}
                />
              </td>
              <td>{person.active ? 'Active' : 'Deactivated'}</td>
              <td>
                <When iso={person.lastSeenAt} />
              </td>
              <td>
                {person.active ? (
                  <ConfirmButton
                    label="Deactivate"
                    labelDetail={person.name}
                    question={`Deactivate ${person.name}? They are signed out and their tokens stop working.`}
                    confirmLabel="Deactivate"
                    onConfirm={() => change(person, { active: false }, `${person.name} is deactivated.`)}
                  />
                ) : (
                  <ConfirmButton
                    label="Reactivate"
                    labelDetail={person.name}
                    question={`Reactivate ${person.name}? They can sign in again (their old tokens stay revoked).`}
                    confirmLabel="Reactivate"
                    danger={false}
                    onConfirm={() => change(person, { active: true }, `${person.name} is active again.`)}
                  />
                )}
              </td>
            </tr>
          ))}
        </ActionsTable>
      )}
    </section>
  );
}
