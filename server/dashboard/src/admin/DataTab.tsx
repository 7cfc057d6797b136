import { useState, type FormEvent, type ReactNode } from 'react';
import type { Member } from '#shared/account';
import { customerName } from '#shared/capture';
import { Field } from '../ui/Field';
import { useLoad } from '../ui/use-load';
import { describeError } from '../ui/http';
import type { Session } from '../ui/session-types';
import { TypedConfirm } from './TypedConfirm';
import { deleteByCustomer, deleteByReporter, listMembers } from './api';
import { ActionResult, type ActionOutcome } from '../ui/ActionResult';

export function deletedText(count: number, what: string): string {
  return count === 0 ? `Nothing to delete: no captures ${what}.` : `Deleted ${count} capture${count === 1 ? '' : 's'} ${what}.`;
}

/** The confirm-then-delete steps both ways of deleting share: what is being confirmed, busy, outcome. */
function useDeletion<T>() {
  const [confirming, setConfirming] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionOutcome | null>(null);

  function confirm(target: T) {
    setResult(null);
    setConfirming(target);
  }

  /** Runs `request`, reports what it deleted (`what`, e.g. "about Acme") and, when it worked, calls `done`. */
  async function remove(request: () => Promise<{ deleted: number }>, what: string, done: () => void) {
    setBusy(true);
    try {
      const { deleted } = await request();
      setResult({ ok: true, text: deletedText(deleted, what) });
      setConfirming(null);
      done();
    } catch (error) {
      setResult({ ok: false, text: `Nothing was deleted: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return { confirming, busy, result, confirm, cancel: () => setConfirming(null), remove };
}

/** Where to say whose captures to delete; its button only asks for the typed confirmation. */
function PickForm({ label, onSubmit, children }: { label: string; onSubmit: (event: FormEvent<HTMLFormElement>) => void; children: ReactNode }) {
  return (
    <form className="acct-inline-form" onSubmit={onSubmit} noValidate aria-label={label}>
      {children}
      <button type="submit" className="acct-secondary">
        Delete their captures…
      </button>
    </form>
  );
}

/** Delete everything reported by a person, or about a customer (e.g. a data-deletion request). */
export function DataTab({ session }: { session: Session }) {
  return (
    <>
      <section className="acct-section" aria-labelledby="data-person-title">
        <h2 id="data-person-title">Delete everything a person reported</h2>
        <ByPerson session={session} />
      </section>
      <section className="acct-section" aria-labelledby="data-customer-title">
        <h2 id="data-customer-title">Delete everything about a customer</h2>
        <ByCustomer session={session} />
      </section>
    </>
  );
}

function ByPerson({ session }: { session: Session }) {
  const { http } = session;
  const [members] = useLoad((signal) => listMembers(http, signal), [http]);
  const [chosenId, setChosenId] = useState('');
  const { confirming, busy, result, confirm, cancel, remove } = useDeletion<Member>();
  const [pickError, setPickError] = useState<string | null>(null);

  if (members.status === 'loading') return <p className="acct-hint">Loading members…</p>;
  if (members.status === 'error') {
    return (
      <p className="acct-error" role="alert">
        {members.message}
      </p>
    );
  }
  const people = members.data.members;

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const person = people.find((candidate) => candidate.id === chosenId);
    if (!person) {
      setPickError('Pick the person first.');
      return;
    }
    setPickError(null);
    confirm(person);
  }

  return (
    <>
      <p className="acct-hint">Every capture this person sent, with its screenshot, and the comments they wrote on others’ captures. Their account stays (deactivate it under Members).</p>
      {confirming === null ? (
        <PickForm label="Delete by person" onSubmit={start}>
          <Field label="Person" error={pickError}>
            {(control) => (
              <select {...control} value={chosenId} onChange={(event) => setChosenId(event.currentTarget.value)}>
                <option value="">Choose…</option>
                {people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.email ? `${person.name} (${person.email})` : person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </PickForm>
      ) : (
        <TypedConfirm
          phrase={confirming.name}
          what={`every capture reported by ${confirming.name}`}
          action="Delete their captures"
          busy={busy}
          onConfirm={() => void remove(() => deleteByReporter(http, confirming.id), `reported by ${confirming.name}`, () => setChosenId(''))}
          onCancel={cancel}
        />
      )}
      <ActionResult result={result} />
    </>
  );
}

function ByCustomer({ session }: { session: Session }) {
  const [customer, setCustomer] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const { confirming, busy, result, confirm, cancel, remove } = useDeletion<string>();

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = customerName.safeParse(customer);
    if (!parsed.success) {
      setNameError('Type the customer’s name as it appears on captures.');
      return;
    }
    setNameError(null);
    confirm(parsed.data);
  }

  return (
    <>
      <p className="acct-hint">
        Every capture that names this customer (ignoring upper and lower case), the name in the customer suggestions, and
        every saved view that names the customer.
      </p>
      {confirming === null ? (
        <PickForm label="Delete by customer" onSubmit={start}>
          <Field label="Customer" error={nameError}>
            {(control) => (
              <input {...control} autoComplete="off" spellCheck={false} value={customer} onChange={(event) => setCustomer(event.currentTarget.value)} />
            )}
          </Field>
        </PickForm>
      ) : (
        <TypedConfirm
          phrase={confirming}
          what={`every capture about ${confirming}`}
          action="Delete the captures"
          busy={busy}
          onConfirm={() => void remove(() => deleteByCustomer(session.http, confirming), `about ${confirming}`, () => setCustomer(''))}
          onCancel={cancel}
        />
      )}
      <ActionResult result={result} />
    </>
  );
}
