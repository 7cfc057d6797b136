import { useRef, useState, type FormEvent } from 'react';
import type { ApiToken } from '#shared/account';
import { tokenScopes, type TokenScope } from '#shared/roles';
import type { Http } from '../ui/http';
import { ChoiceSelect } from '../ui/ChoiceSelect';
import { Field, FormError } from '../ui/Field';
import { useFormRequest } from '../ui/field-errors';
import { OneTimeSecret } from '../ui/OneTimeSecret';
import { SCOPE_LABELS } from '../ui/role-labels';
import { createToken } from './api';

const SCOPE_HINTS: Record<TokenScope, string> = {
  capture: 'can send captures and read the tag list, nothing else',
  full: 'can do everything you can do in the dashboard',
};

/** Make a token for a script or CI; its secret is shown once. */
export function CreateTokenForm({ http, onCreated }: { http: Http; onCreated: (token: ApiToken) => void }) {
  const nameInput = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<TokenScope>('capture');
  const { errors, busy, reject, send } = useFormRequest(['name', 'scope']);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    if (name.trim() === '') {
      reject('name', 'Name the token after what will use it, e.g. "CI uploads".', nameInput);
      return;
    }
    setSecret(null);
    await send(async () => {
      const created = await createToken(http, name.trim(), scope);
      setSecret({ name: created.token.name, value: created.secret });
      setName('');
      onCreated(created.token);
    });
  }

  return (
    <>
      <form className="acct-inline-form" onSubmit={submit} noValidate aria-label="Create a script token">
        <Field label="Token name" error={errors.fields.name}>
          {(control) => (
            <input
              {...control}
              ref={nameInput}
              name="token-name"
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label="Access" hint={SCOPE_HINTS[scope]} error={errors.fields.scope}>
          {(control) => (
            <ChoiceSelect {...control} name="token-scope" choices={tokenScopes} labels={SCOPE_LABELS} value={scope} onChoose={setScope} />
          )}
        </Field>
        <button type="submit" aria-disabled={busy}>
          Create token
        </button>
      </form>
      <FormError message={errors.form} />
      {secret && (
        <OneTimeSecret
          label={`Token “${secret.name}”`}
          secret={secret.value}
          warning="Copy it now and keep it somewhere safe: Snag shows it only this once. Anyone who has it can act as you within its access."
        />
      )}
    </>
  );
}
