import { useId, useState, type FormEvent } from 'react';
import { commentInput } from '#shared/review';

/**
 * A comment box's state. `begin` checks the text against the API's rule: it returns the body to
 * send (and marks the box busy), or null when there is nothing to send (busy, or not valid).
 */
export function useCommentBox() {
  const id = useId();
  const errorId = useId();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function begin(event?: FormEvent): string | null {
    event?.preventDefault();
    if (busy) return null;
    const parsed = commentInput.safeParse({ body });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Write a comment first');
      return null;
    }
    setBusy(true);
    return parsed.data.body;
  }

  return { id, errorId, body, setBody, busy, setBusy, error, setError, begin };
}
