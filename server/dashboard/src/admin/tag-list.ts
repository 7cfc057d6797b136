import { WORKSPACE_TAGS_MAX } from '#shared/api';
import { tag } from '#shared/capture';
import { fail, type Outcome } from './outcome';

/** Pure edits of the workspace tag list, so the editor's rules are tested without a DOM. */

export function addTag(list: readonly string[], input: string): Outcome<string[]> {
  const parsed = tag.safeParse(input);
  if (!parsed.success) return fail(parsed.error.issues[0]?.message ?? 'not a valid tag');
  if (list.includes(parsed.data)) return fail(`“${parsed.data}” is already in the list`);
  if (list.length >= WORKSPACE_TAGS_MAX) return fail(`The list holds at most ${WORKSPACE_TAGS_MAX} tags`);
  return { ok: true, value: [...list, parsed.data] };
}

export function removeTag(list: readonly string[], index: number): string[] {
  return list.filter((_, at) => at !== index);
}

/** Moves the tag at `index` by `by` places (−1 up, +1 down); out of range leaves the list as it is. */
export function moveTag(list: readonly string[], index: number, by: number): string[] {
  const target = index + by;
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list];
  const next = [...list];
  const [moved] = next.splice(index, 1);
  if (moved === undefined) return [...list];
  next.splice(target, 0, moved);
  return next;
}
