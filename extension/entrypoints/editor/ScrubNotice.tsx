import { describeScrubbed, type ScrubCounts } from '#shared/pii';

/** What the PII scrubber will hide on Save, so nobody is surprised by "[email]" in their report. */
export function ScrubNotice({ found, settingsProblem }: { found: ScrubCounts; settingsProblem: string | null }) {
  const hidden = describeScrubbed(found);
  if (hidden.length === 0 && settingsProblem === null) return null;
  return (
    <div className="scrub-notice">
      {hidden.length > 0 && <p>Hidden when you save: {hidden.join(', ')}.</p>}
      {settingsProblem !== null && <p>{settingsProblem} Until then, Snag hides everything it can find.</p>}
    </div>
  );
}
