import { useEffect, useRef, useState, type FormEvent } from 'react';
import { RETENTION_DAYS_MAX, RETENTION_DAYS_MIN } from '#shared/data-control';
import { Field, FormError } from '../ui/Field';
import { useFormRequest } from '../ui/field-errors';
import { useLoad } from '../ui/use-load';
import type { Session } from '../ui/session-types';
import { TagListEditor } from './TagListEditor';
import { loadSettings, saveSettings } from './api';
import { LoadFailed } from '../ui/LoadFailed';

/** Workspace settings: how long captures are kept, and the tag list reporters pick from. */
export function SettingsTab({ session }: { session: Session }) {
  return (
    <>
      {session.can('settings:manage') && (
        <section className="acct-section" aria-labelledby="retention-title">
          <h2 id="retention-title">Retention</h2>
          <Retention session={session} />
        </section>
      )}
      {session.can('tags:manage') && (
        <section className="acct-section" aria-labelledby="tags-title">
          <h2 id="tags-title">Workspace tags</h2>
          <p className="acct-hint">The tags the extension suggests to every reporter, in this order.</p>
          <TagListEditor session={session} />
        </section>
      )}
    </>
  );
}

/** "keep forever" or a number of days, checked as typed before it goes to the server. */
export function parseRetention(keepForever: boolean, days: string): { ok: true; value: number | null } | { ok: false; reason: string } {
  if (keepForever) return { ok: true, value: null };
  const value = Number(days.trim());
  if (days.trim() === '' || !Number.isInteger(value) || value < RETENTION_DAYS_MIN || value > RETENTION_DAYS_MAX) {
    return { ok: false, reason: `Enter a whole number of days from ${RETENTION_DAYS_MIN} to ${RETENTION_DAYS_MAX}.` };
  }
  return { ok: true, value };
}

function Retention({ session }: { session: Session }) {
  const { http } = session;
  const [loaded, { reload }] = useLoad((signal) => loadSettings(http, signal), [http]);
  const [keepForever, setKeepForever] = useState(true);
  const [days, setDays] = useState('365');
  const { errors, busy, reject, send } = useFormRequest(['retentionDays']);
  const [saved, setSaved] = useState<string | null>(null);
  const daysInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (loaded.status !== 'ready') return;
    setKeepForever(loaded.data.retentionDays === null);
    if (loaded.data.retentionDays !== null) setDays(String(loaded.data.retentionDays));
  }, [loaded]);

  if (loaded.status === 'loading') return <p className="acct-hint">Loading…</p>;
  if (loaded.status === 'error') {
    return (
      <LoadFailed message={loaded.message} onRetry={reload} />
    );
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const parsed = parseRetention(keepForever, days);
    if (!parsed.ok) {
      reject('retentionDays', parsed.reason, daysInput);
      return;
    }
    setSaved(null);
    await send(async () => {
      const answer = await saveSettings(http, { retentionDays: parsed.value });
      setSaved(
        answer.retentionDays === null
          ? 'Saved: captures are kept until someone deletes them.'
          : `Saved: captures older than ${answer.retentionDays} days are deleted, with their screenshots, within the hour.`,
      );
    });
  }

  return (
    <form className="acct-form" onSubmit={submit} noValidate aria-label="Retention">
      <p className="acct-hint">Captures older than this are deleted for good, with their screenshots (checked every hour).</p>
      <label>
        <input type="checkbox" checked={keepForever} onChange={(event) => setKeepForever(event.currentTarget.checked)} /> Keep
        captures forever
      </label>
      {!keepForever && (
        <Field label="Keep captures for (days)" error={errors.fields.retentionDays}>
          {(control) => (
            <input
              {...control}
              ref={daysInput}
              type="number"
              inputMode="numeric"
              min={RETENTION_DAYS_MIN}
              max={RETENTION_DAYS_MAX}
              step={1}
              name="retention-days"
              value={days}
              onChange={(event) => setDays(event.currentTarget.value)}
            />
          )}
        </Field>
      )}
      <FormError message={errors.form} />
      <div className="acct-actions">
        <button type="submit" aria-disabled={busy}>
          Save retention
        </button>
      </div>
      {saved && (
        <p className="acct-notice" role="status">
          {saved}
        </p>
      )}
    </form>
  );
}
