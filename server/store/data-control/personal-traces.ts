import type { Transaction } from 'kysely';
import { customerKey } from '../captures/customer-key';
import type { Database } from '../schema';

type Trx = Transaction<Database>;

const IN_LIST_CHUNK = 500;

/**
 * Inside a customer's erasure: saved views that name the customer — as their customer filter, in
 * any other parameter (search words, flow…) or in the view's own name — are deleted, not just
 * stripped, since a view without its filter would show something else under the customer's name.
 * Answers how many went.
 */
export async function deleteViewsNamingCustomer(trx: Trx, key: string): Promise<number> {
  const views = await trx.selectFrom('saved_views').select(['id', 'name', 'query']).execute();
  const doomed = views.filter((view) => viewNamesCustomer(view, key)).map((view) => view.id);
  for (const chunk of chunks(doomed)) await trx.deleteFrom('saved_views').where('id', 'in', chunk).execute();
  return doomed.length;
}

export function viewNamesCustomer(view: { name: string; query: string }, key: string): boolean {
  // The name as a whole word: erasing "Acme" leaves a view about "Acmeville" alone.
  const asWord = new RegExp(`(?:^|[^\\p{L}\\p{N}])${escapeRegExp(key)}(?:$|[^\\p{L}\\p{N}])`, 'u');
  if (asWord.test(view.name.toLowerCase())) return true;
  for (const [parameter, value] of new URLSearchParams(view.query)) {
    if (parameter === 'customer' && customerKey(value) === key) return true;
    if (asWord.test(value.toLowerCase())) return true;
  }
  return false;
}

/**
 * Inside a person's erasure: the comments they wrote on other people's captures (those on their
 * own went with the captures), and those comments' history entries. Answers how many comments went.
 */
export async function deleteCommentsBy(trx: Trx, userId: string): Promise<number> {
  const comments = await trx.selectFrom('capture_comments').select('id').where('author_id', '=', userId).execute();
  const ids = comments.map((comment) => comment.id);
  for (const chunk of chunks(ids)) {
    await trx.deleteFrom('capture_events').where('type', '=', 'comment').where('to_value', 'in', chunk).execute();
    await trx.deleteFrom('capture_comments').where('id', 'in', chunk).execute();
  }
  return ids.length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function chunks<T>(items: readonly T[], size = IN_LIST_CHUNK): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}
