/** What came of an action the person took: a note when it worked, an alert when it did not. */
export type ActionOutcome = { ok: boolean; text: string };

export function ActionResult({ result }: { result: ActionOutcome | null }) {
  if (!result) return null;
  return (
    <p className={result.ok ? 'acct-notice' : 'acct-error'} role={result.ok ? 'status' : 'alert'}>
      {result.text}
    </p>
  );
}
