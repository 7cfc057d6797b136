import { useState } from 'react';
import { ApiError, describeError } from './http';

/** What went wrong with a form: messages per field (by the server's path) and one for the form. */
export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/** Spread a failed request over the form: fields the server named go next to their inputs. */
export function formErrors(error: unknown, known: readonly string[]): FormErrors {
  if (!(error instanceof ApiError) || error.fields.length === 0) return { fields: {}, form: describeError(error) };
  const fields: Record<string, string> = {};
  const others: string[] = [];
  for (const issue of error.fields) {
    if (known.includes(issue.path) && fields[issue.path] === undefined) fields[issue.path] = issue.message;
    else others.push(`${issue.path}: ${issue.message}`);
  }
  return { fields, form: others.length > 0 ? others.join('; ') : null };
}

/**
 * A form's errors and busy flag around its one request: `reject` flags a field before sending,
 * `send` runs the request and spreads a failure over `fields`.
 */
export function useFormRequest(fields: readonly string[]) {
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  function reject(field: string, problem: string, input: { readonly current: HTMLElement | null }) {
    setErrors({ fields: { [field]: problem }, form: null });
    input.current?.focus();
  }

  async function send(request: () => Promise<void>) {
    setBusy(true);
    setErrors(noErrors);
    try {
      await request();
    } catch (error) {
      setErrors(formErrors(error, fields));
    } finally {
      setBusy(false);
    }
  }

  return { errors, busy, reject, send };
}
