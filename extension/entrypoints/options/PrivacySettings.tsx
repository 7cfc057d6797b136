import { useEffect, useId, useState, type FormEvent } from 'react';
import { scrubberKinds, visibleDataKinds, type ScrubberKind, type VisibleDataKind } from '#shared/pii';
import { defaultPrivacySettings } from '@/lib/settings/items';
import { privacyStore, readPrivacySettings, savePrivacySettings, selectorChecker } from '@/lib/settings/privacy';
import { errorMessage } from '@/lib/result';
import { SettingsForm } from './SettingsForm';
import './privacy-settings.css';

const scrubberLabels: Record<ScrubberKind, { label: string; example: string }> = {
  email: { label: 'Email addresses', example: 'jane@example.com → [email]' },
  phone: { label: 'Phone numbers', example: '+1 555 123 4567 → [phone]' },
  card: { label: 'Payment card numbers', example: 'checked with the card checksum, so order numbers stay' },
  token: { label: 'Secrets in links', example: 'token, key, signature, session… parameters → [redacted]' },
};

const shownLabels: Record<VisibleDataKind, string> = {
  email: 'Email addresses',
  phone: 'Phone numbers',
  card: 'Payment card numbers (checked with the card checksum)',
};

/**
 * The privacy part of Options: which scrubbers run on comments, quotes and page addresses, and
 * which page elements are always redacted in screenshots. Saved on its own (`local:privacy`).
 */
export function PrivacySettings() {
  const id = useId();
  const [scrub, setScrub] = useState(defaultPrivacySettings.scrub);
  const [redactShown, setRedactShown] = useState(defaultPrivacySettings.redactShown);
  const [selectors, setSelectors] = useState('');
  const [selectorProblem, setSelectorProblem] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    readPrivacySettings(privacyStore)
      .then((settings) => {
        if (!settings.ok) return setMessage(settings.reason);
        setScrub(settings.value.scrub);
        setRedactShown(settings.value.redactShown);
        setSelectors(settings.value.privateSelectors.join('\n'));
      })
      .catch((error: unknown) => setMessage(`Could not read the privacy settings: ${errorMessage(error)}`));
  }, []);

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const saved = await savePrivacySettings(privacyStore, { scrub, redactShown, selectors }, selectorChecker(document)).catch(
      (error: unknown) => ({ ok: false as const, reason: `Could not store the privacy settings: ${errorMessage(error)}` }),
    );
    setBusy(false);
    setSelectorProblem(!saved.ok);
    if (!saved.ok) return setMessage(saved.reason);
    setSelectors(saved.value.privateSelectors.join('\n'));
    setMessage('Privacy settings updated');
  }

  return (
    <section className="privacy" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Privacy</h2>
      <SettingsForm onSubmit={apply} busy={busy} submitLabel="Apply privacy settings" message={message}>
        <fieldset>
          <legend>Hide in comments, quotes and page addresses</legend>
          {scrubberKinds.map((kind) => (
            <div className="check" key={kind}>
              <input
                id={`${id}-${kind}`}
                type="checkbox"
                checked={scrub[kind]}
                aria-describedby={`${id}-${kind}-hint`}
                onChange={(event) => setScrub({ ...scrub, [kind]: event.target.checked })}
              />
              <label htmlFor={`${id}-${kind}`}>{scrubberLabels[kind].label}</label>
              <span id={`${id}-${kind}-hint`} className="hint">
                {scrubberLabels[kind].example}
              </span>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Cover in screenshots when the page shows them</legend>
          {visibleDataKinds.map((kind) => (
            <div className="check" key={kind}>
              <input
                id={`${id}-shown-${kind}`}
                type="checkbox"
                checked={redactShown[kind]}
                onChange={(event) => setRedactShown({ ...redactShown, [kind]: event.target.checked })}
              />
              <label htmlFor={`${id}-shown-${kind}`}>{shownLabels[kind]}</label>
            </div>
          ))}
          <p className="hint">Found in the page’s text (and in frames of the same site) when you capture; each box is listed in the editor, where you can remove it.</p>
        </fieldset>
        <label htmlFor={`${id}-selectors`}>Private elements</label>
        <textarea
          id={`${id}-selectors`}
          spellCheck={false}
          placeholder={'.customer-email\n#billing-address'}
          aria-describedby={`${id}-selectors-hint`}
          aria-invalid={selectorProblem}
          value={selectors}
          onChange={(event) => setSelectors(event.target.value)}
        />
        <p id={`${id}-selectors-hint`} className="hint">
          CSS selectors, one a line. Matching elements are redacted in every screenshot, like password and card
          fields and elements marked <code>data-snag-private</code>. You can still remove a redaction in the editor.
        </p>
      </SettingsForm>
    </section>
  );
}
