import type { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { fail, ok, type Result } from '../result';

/** One row of the settings table (items.ts): where a value is kept and what it may look like. */
export interface SettingsItem<T> {
  /** Where WXT storage keeps it (`storage.local`; never `sync:`, which would carry it to other devices). */
  key: `local:${string}`;
  /** What the user calls it, in messages: "privacy settings". */
  label: string;
  schema: z.ZodType<T>;
  /** What reading gives while nothing is stored. */
  fallback: T;
  /** What the user can do when the stored value does not validate: the end of the reader's reason. */
  fix: string;
  /** Raised by one with every change of shape, with a migration to it. */
  version: number;
  /** `migrations[n]` turns a version n − 1 value into version n; WXT runs them before the first access. */
  migrations: Readonly<Record<number, (stored: unknown) => unknown>>;
}

/** Where a setting lives: a WXT storage item in the extension, anything alike in tests. */
export interface StoredValue<T> {
  getValue(): Promise<unknown>;
  setValue(value: T): Promise<void>;
}

/** The WXT storage item for a row; version 1 rows stay unmarked, as stored before the table existed. */
export function storedValueOf<T>(item: SettingsItem<T>): StoredValue<T> {
  return item.version > 1
    ? storage.defineItem<unknown>(item.key, { version: item.version, migrations: { ...item.migrations } })
    : storage.defineItem<unknown>(item.key);
}

/**
 * Read a setting. Nothing stored gives the fallback; a stored value that does not validate is
 * reported, and left in storage as it is, never silently replaced (it is the user's data).
 */
export async function readSetting<T>(item: SettingsItem<T>, store: StoredValue<T>): Promise<Result<T>> {
  const stored = await store.getValue();
  if (stored === null || stored === undefined) return ok(item.fallback);
  const parsed = item.schema.safeParse(stored);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue ? `${issue.path.map(String).join('.') || item.label}: ${issue.message}` : 'unreadable';
  return fail(`The saved ${item.label} are invalid (${where}). ${item.fix}`);
}

/** Read, change and write back; refuses (with the reader's reason) when what is stored does not validate. */
export async function changeSetting<T>(item: SettingsItem<T>, store: StoredValue<T>, change: (current: T) => T): Promise<Result<T>> {
  const current = await readSetting(item, store);
  if (!current.ok) return current;
  const next = change(current.value);
  await store.setValue(next);
  return ok(next);
}
