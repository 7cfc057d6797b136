import { useRef, useState, type FormEvent } from 'react';
import { email as emailSchema, INVITE_DEFAULT_HOURS } from '#shared/account';
import { roles, type Role } from '#shared/roles';
import { ActionsTable } from '../ui/ActionsTable';
import { ChoiceSelect } from '../ui/ChoiceSelect';
import { ConfirmButton } from '../ui/ConfirmButton';
import { Field, FormError } from '../ui/Field';
import { useFormRequest } from '../ui/field-errors';
import { OneTimeSecret } from '../ui/OneTimeSecret';
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from '../ui/role-labels';
import { useLoad } from '../ui/use-load';
import { When } from '../ui/When';
import { describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { createInvite, listInvites, revokeInvite } from './api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';
import { LoadFailed } from '../ui/LoadFailed';

const EXPIRY_CHOICES: readonly { hours: number; label: string }[] = [
  { hours: 24, label: '1 day' },
  { hours: INVITE_DEFAULT_HOURS, label: '3 days' },
  { hours: 168, label: '1 week' },
  { hours: 336, label: '2 weeks' },
];

/** Invite people: a single-use link for a role, optionally only for one address; pending ones can be revoked. */
export function InvitesTab({ session, origin = window.location.origin }: { session: Session; origin?: string }) {
  const { http } = session;
  const [pending, { reload }] = useLoad((signal) => listInvites(http, signal), [http]);
  const [result, setResult] = useState<ActionOutcome | null>(null);

  return (
    <>
      <section className="acct-section" aria-labelledby="invite-create-title">
        <h2 id="invite-create-title">Invite someone</h2>
        <CreateInvite session={session} origin={origin} onCreated={reload} />
      </section>
      <section className="acct-section" aria-labelledby="invite-pending-title">
        <h2 id="invite-pending-title">Pending invites</h2>
        <ActionResult result={result} />
        {pending.status === 'loading' && <p className="acct-hint">Loading invites…</p>}
        {pending.status === 'error' && <LoadFailed message={pending.message} onRetry={reload} />}
        {pending.status === 'ready' && pending.data.invites.length === 0 && <p className="acct-hint">No pending invites.</p>}
        {pending.status === 'ready' && pending.data.invites.length > 0 && (
          <ActionsTable caption="Pending invites" columns={['For', 'Role', 'Invited by', 'Expires']}>
            {pending.data.invites.map((invite) => {
              const who = invite.email ?? 'Anyone with the link';
              return (
                <tr key={invite.id}>
                  <th scope="row">{who}</th>
                  <td>{ROLE_LABELS[invite.role]}</td>
                  <td>{invite.invitedBy?.name ?? 'Snag (first-run set-up)'}</td>
                  <td>
                    <When iso={invite.expiresAt} />
                  </td>
                  <td>
                    <ConfirmButton
                      label="Revoke"
                      labelDetail={`the invite for ${who}`}
                      question="Revoke this invite? Its link stops working."
                      confirmLabel="Revoke"
                      onConfirm={async () => {
                        try {
                          await revokeInvite(http, invite.id);
                          setResult({ ok: true, text: `Revoked the invite for ${who}.` });
                          reload();
                        } catch (error) {
                          setResult({ ok: false, text: `Could not revoke the invite: ${describeError(error)}` });
                        }
                      }}
                    />
                  </td>
                </tr>
              );
            })}
          </ActionsTable>
        )}
      </section>
    </>
  );
}

function CreateInvite({ session, origin, onCreated }: { session: Session; origin: string; onCreated: () => void }) {
  const emailInput = useRef<HTMLInputElement>(null);
  const [role, setRole] = useState<Role>('member');
  const [email, setEmail] = useState('');
  const [hours, setHours] = useState(INVITE_DEFAULT_HOURS);
  const { errors, busy, reject, send } = useFormRequest(['role', 'email', 'expiresInHours']);
  const [link, setLink] = useState<{ url: string; for: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const address = email.trim();
    if (address !== '' && !emailSchema.safeParse(address).success) {
      reject('email', 'Enter an email address such as ann@example.com, or leave it empty.', emailInput);
      return;
    }
    setLink(null);
    await send(async () => {
      const body = { role, expiresInHours: hours, ...(address === '' ? {} : { email: address }) };
      const created = await createInvite(session.http, body);
      setLink({ url: `${origin}${created.path}`, for: created.invite.email ?? 'anyone who has the link' });
      setEmail('');
      onCreated();
    });
  }

  return (
    <>
      <form className="acct-inline-form" onSubmit={submit} noValidate aria-label="Create an invite">
        <Field label="Role" hint={ROLE_DESCRIPTIONS[role]} error={errors.fields.role}>
          {(control) => (
            <ChoiceSelect {...control} name="invite-role" choices={roles} labels={ROLE_LABELS} value={role} onChoose={setRole} />
          )}
        </Field>
        <Field label="Email (optional)" hint="Only this address can accept it." error={errors.fields.email}>
          {(control) => (
            <input
              {...control}
              ref={emailInput}
              type="email"
              name="invite-email"
              autoComplete="off"
              spellCheck={false}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Expires after" error={errors.fields.expiresInHours}>
          {(control) => (
            <select {...control} name="invite-expiry" value={hours} onChange={(event) => setHours(Number(event.currentTarget.value))}>
              {EXPIRY_CHOICES.map((choice) => (
                <option key={choice.hours} value={choice.hours}>
                  {choice.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" aria-disabled={busy}>
          Create invite
        </button>
      </form>
      <FormError message={errors.form} />
      {link && (
        <OneTimeSecret
          label="Invite link"
          secret={link.url}
          warning={`Send this link to ${link.for}. It works once, and Snag shows it only now: if it gets lost, revoke it and make another.`}
        />
      )}
    </>
  );
}
