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
