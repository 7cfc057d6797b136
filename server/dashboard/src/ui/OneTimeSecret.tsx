import { useState } from 'react';

/**
 * A secret (an API token, an invite link) the server shows only once: displayed with a copy
 * button and a warning that it cannot be shown again.
 */
export function OneTimeSecret({
  label,
  secret,
  warning,
  clipboard = globalThis.navigator?.clipboard,
}: {
  label: string;
  secret: string;
  warning: string;
  clipboard?: Pick<Clipboard, 'writeText'> | undefined;
}) {
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no');

  async function copy() {
    try {
      if (!clipboard) throw new Error('no clipboard');
      await clipboard.writeText(secret);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  }

  return (
    <div className="acct-success" role="status">
      <p>
        <strong>{label}</strong>
      </p>
      <div className="acct-secret">
        <code aria-label={label}>{secret}</code>
        <button type="button" className="acct-secondary" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="acct-hint">{warning}</p>
      {copied === 'yes' && <p className="acct-hint">Copied to the clipboard.</p>}
      {copied === 'failed' && <p className="acct-hint">Could not copy: select the text and copy it yourself.</p>}
    </div>
  );
}
