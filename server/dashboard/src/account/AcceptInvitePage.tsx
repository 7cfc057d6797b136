import { useRef, useState, type FormEvent } from 'react';
import {
  email as emailSchema,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type InvitePeek,
  type SessionInfo,
} from '#shared/account';
import { ApiError, describeError, type Http } from '../ui/http';
import { Field, FormError } from '../ui/Field';
import { noErrors, formErrors, type FormErrors } from '../ui/field-errors';
import { passwordStrength } from './password-strength';
import { ROLE_LABELS } from '../ui/role-labels';
import { useLoad } from '../ui/use-load';
import { usePageFocus } from '../ui/use-page-focus';
import { formatWhen } from '../ui/When';
import '../ui/account.css';
import { acceptInvite, peekInvite } from './api';

export interface AcceptInvitePageProps {
  http: Http;
  token: string;
  /** The invite made an account and signed the person in. */
  onAccepted: (session: SessionInfo) => void;
  /** Someone is already signed in here: accepting will switch to the new account. */
  signedInAs?: string | undefined;
}

/** Why an invite link cannot be used, for people. */
export function inviteProblem(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return 'This invite link is not valid. Check that you copied the whole link, or ask for a new one.';
    if (error.code === 'invite_used') return 'This invite has already been used. If that was you, sign in instead; otherwise ask for a new invite.';
    if (error.status === 410) return 'This invite has expired. Ask the person who invited you for a new one.';
  }
  return describeError(error);
}

type Fields = 'name' | 'email' | 'password' | 'confirm';

export function AcceptInvitePage({ http, token, onAccepted, signedInAs }: AcceptInvitePageProps) {
  const heading = usePageFocus<HTMLHeadingElement>(token);
  const [invite] = useLoad((signal) => peekInvite(http, token, signal), [http, token], inviteProblem);

  return (
    <section className="acct-card" aria-labelledby="invite-title">
      <h1 id="invite-title" ref={heading} tabIndex={-1}>
        Join your team on Snag
      </h1>
      {invite.status === 'loading' && (
        <p className="acct-hint" role="status">
          Checking the invite…
        </p>
      )}
      {invite.status === 'error' && (
        <>
          <p className="acct-error" role="alert">
            {invite.message}
          </p>
          <p>
            <a href="#/">Go to the sign-in page</a>
          </p>
        </>
      )}
      {invite.status === 'ready' && (
        <AcceptForm http={http} token={token} invite={invite.data} onAccepted={onAccepted} signedInAs={signedInAs} />
      )}
    </section>
  );
}

function AcceptForm({
  http,
  token,
  invite,
  onAccepted,
  signedInAs,
}: {
  http: Http;
  token: string;
  invite: InvitePeek;
  onAccepted: (session: SessionInfo) => void;
  signedInAs: string | undefined;
}) {
  const inputs = {
    name: useRef<HTMLInputElement>(null),
    email: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  const [name, setName] = useState('');
  const [email, setEmail] = useState(invite.email ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const strength = passwordStrength(password, [name, email.split('@')[0] ?? '']);

  function check(): Partial<Record<Fields, string>> {
    const problems: Partial<Record<Fields, string>> = {};
    if (name.trim() === '') problems.name = 'Enter your name, as your teammates will see it.';
    if (!emailSchema.safeParse(email).success) problems.email = 'Enter an email address such as ann@example.com.';
    if (password.length < PASSWORD_MIN_LENGTH) problems.password = `Use at least ${PASSWORD_MIN_LENGTH} characters.`;
    else if (password.length > PASSWORD_MAX_LENGTH) problems.password = `Use at most ${PASSWORD_MAX_LENGTH} characters.`;
    if (confirm !== password) problems.confirm = 'The two passwords are not the same.';
    return problems;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const problems = check();
    const first = (['name', 'email', 'password', 'confirm'] as const).find((field) => problems[field] !== undefined);
    if (first) {
      setErrors({ fields: problems, form: null });
      inputs[first].current?.focus();
      return;
    }
    setBusy(true);
    setErrors(noErrors);
    try {
      const info = await acceptInvite(http, { token, name: name.trim(), email, password });
      onAccepted(info);
    } catch (failure) {
      setBusy(false);
      if (failure instanceof ApiError && failure.status === 409) {
        setErrors({ fields: { email: 'This email address already belongs to a member. Sign in instead, or use another address.' }, form: null });
        inputs.email.current?.focus();
        return;
      }
      if (failure instanceof ApiError && failure.status === 410) {
        setErrors({ fields: {}, form: inviteProblem(failure) });
        return;
      }
      const spread = formErrors(failure, ['name', 'email', 'password']);
      setErrors(spread);
    }
  }

  const roleName = ROLE_LABELS[invite.role];
  return (
    <>
      <p>
        {invite.invitedBy ? `${invite.invitedBy.name} invited you` : 'You are invited'} to join Snag as{' '}
        <strong>{roleName.toLowerCase()}</strong>. The invite expires {formatWhen(invite.expiresAt)}.
      </p>
      {signedInAs && (
        <p className="acct-notice">
          You are signed in here as {signedInAs}. Creating this account signs you in as the new account instead.
        </p>
      )}
      <FormError message={errors.form} />
      <form className="acct-form" onSubmit={submit} noValidate>
        <Field label="Your name" hint="Shown to your teammates next to what you report." error={errors.fields.name}>
          {(control) => (
            <input
              {...control}
              ref={inputs.name}
              name="name"
              autoComplete="name"
              maxLength={100}
              autoFocus
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Email"
          hint={invite.email ? 'This invite is for this address.' : 'You sign in with it.'}
          error={errors.fields.email}
        >
          {(control) => (
            <input
              {...control}
              ref={inputs.email}
              type="email"
              name="email"
              autoComplete="username"
              autoCapitalize="off"
              spellCheck={false}
              readOnly={invite.email !== null}
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          label="Password"
          hint={
            <span className="acct-strength" data-level={strength.level} aria-live="polite">
              {strength.hint}
            </span>
          }
          error={errors.fields.password}
        >
          {(control) => (
            <input
              {...control}
              ref={inputs.password}
              type="password"
              name="new-password"
              autoComplete="new-password"
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Confirm password" error={errors.fields.confirm}>
          {(control) => (
            <input
              {...control}
              ref={inputs.confirm}
              type="password"
              name="confirm-password"
              autoComplete="new-password"
              value={confirm}
              onChange={(event) => setConfirm(event.currentTarget.value)}
            />
          )}
        </Field>
        <div className="acct-actions">
          <button type="submit" aria-disabled={busy}>
            Create account
          </button>
          {busy && (
            <span className="acct-hint" role="status">
              Creating your account…
            </span>
          )}
        </div>
      </form>
    </>
  );
}
