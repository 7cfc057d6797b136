import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { UserSummary } from '#shared/account';
import type { CaptureApi } from './capture-api';
import { isAbort } from './http';

export interface People {
  /** Active members, or null while loading (or when this role may not list them). */
  list: readonly UserSummary[] | null;
  /** A user's name by id, for history entries and filters; null when unknown. */
  nameOf(id: string): string | null;
}

const PeopleContext = createContext<People>({ list: null, nameOf: () => null });

export const usePeople = (): People => useContext(PeopleContext);

/** Loads GET /people once per session (only roles that see everyone's captures may list people). */
export function PeopleProvider({ api, enabled, children }: { api: CaptureApi; enabled: boolean; children: ReactNode }) {
  const [list, setList] = useState<readonly UserSummary[] | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const controller = new AbortController();
    api.people(controller.signal).then(
      (people) => setList([...people].sort((a, b) => a.name.localeCompare(b.name))),
      (error: unknown) => {
        // The pickers then offer only "me" and "unassigned"; nothing else depends on it.
        if (!isAbort(error)) setList([]);
      },
    );
    return () => controller.abort();
  }, [api, enabled]);

  const value = useMemo<People>(() => {
    const byId = new Map((list ?? []).map((person) => [person.id, person.name]));
    return { list, nameOf: (id) => byId.get(id) ?? null };
  }, [list]);

  return <PeopleContext.Provider value={value}>{children}</PeopleContext.Provider>;
}

/** `<option>`s for everyone in the workspace but `meId` (the caller lists "Me" its own way). */
export function OtherPeopleOptions({ meId }: { meId: string }) {
  const people = usePeople();
  return (people.list ?? [])
    .filter((person) => person.id !== meId)
    .map((person) => (
      <option key={person.id} value={person.id}>
        {person.name}
      </option>
    ));
}
