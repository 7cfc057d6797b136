import { useState, type FormEvent } from 'react';
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
  const [confirming, setConfirming] = useState<Member | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionOutcome | null>(null);
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
    setResult(null);
    setConfirming(person);
  }

  async function remove(person: Member) {
    setBusy(true);
    try {
      const { deleted } = await deleteByReporter(http, person.id);
      setResult({ ok: true, text: deletedText(deleted, `reported by ${person.name}`) });
      setConfirming(null);
      setChosenId('');
    } catch (error) {
      setResult({ ok: false, text: `Nothing was deleted: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="acct-hint">Every capture this person sent, with its screenshot, and the comments they wrote on others’ captures. Their account stays (deactivate it under Members).</p>
      {confirming === null ? (
        <form className="acct-inline-form" onSubmit={start} noValidate aria-label="Delete by person">
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
          <button type="submit" className="acct-secondary">
            Delete their captures…
          </button>
        </form>
      ) : (
        <TypedConfirm
          phrase={confirming.name}
          what={`every capture reported by ${confirming.name}`}
          action="Delete their captures"
          busy={busy}
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      <ActionResult result={result} />
    </>
  );
}

function ByCustomer({ session }: { session: Session }) {
  const [customer, setCustomer] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ActionOutcome | null>(null);

  function start(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = customerName.safeParse(customer);
    if (!parsed.success) {
      setNameError('Type the customer’s name as it appears on captures.');
      return;
    }
    setNameError(null);
    setResult(null);
    setConfirming(parsed.data);
  }

  async function remove(name: string) {
    setBusy(true);
    try {
      const { deleted } = await deleteByCustomer(session.http, name);
      setResult({ ok: true, text: deletedText(deleted, `about ${name}`) });
      setConfirming(null);
      setCustomer('');
    } catch (error) {
      setResult({ ok: false, text: `Nothing was deleted: ${describeError(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p className="acct-hint">
        Every capture that names this customer (ignoring upper and lower case), the name in the customer suggestions, and
        every saved view that names the customer.
      </p>
      {confirming === null ? (
        <form className="acct-inline-form" onSubmit={start} noValidate aria-label="Delete by customer">
          <Field label="Customer" error={nameError}>
            {(control) => (
              <input {...control} autoComplete="off" spellCheck={false} value={customer} onChange={(event) => setCustomer(event.currentTarget.value)} />
            )}
          </Field>
          <button type="submit" className="acct-secondary">
            Delete their captures…
          </button>
        </form>
      ) : (
        <TypedConfirm
          phrase={confirming}
          what={`every capture about ${confirming}`}
          action="Delete the captures"
          busy={busy}
          onConfirm={() => void remove(confirming)}
          onCancel={() => setConfirming(null)}
        />
      )}
      <ActionResult result={result} />
    </>
  );
}
