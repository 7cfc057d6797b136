import type { Flow } from '#shared/capture';
import { settingsItems, type FlowMemory } from '../settings/items';
import { readSetting, storedValueOf, type StoredValue } from '../settings/storage';

/**
 * The flow and step of the last capture, offered on the next one only while the user plausibly
 * still walks that flow: on the same site, in the same part of it (the first segment of the path:
 * `/setup/team` → `/setup/billing`, never `/billing`), and within `FLOW_MEMORY_MS`. Anything else
 * starts empty: a flow filled in silently on an unrelated page invents data in the charts.
 */
export const FLOW_MEMORY_MS = 30 * 60_000;
const SITES_MAX = 50;


export type FlowMemoryStore = StoredValue<FlowMemory>;

export const flowMemoryStore: FlowMemoryStore = storedValueOf(settingsItems.flowMemory);

/** A flow carried over from the last capture, with where and when it was used, for the editor to say so. */
export interface CarriedFlow {
  flow: Flow;
  /** The path of the page of the last capture. */
  path: string;
  /** Epoch ms of the last capture. */
  at: number;
}

/** The page's site (origin, `null` for pages without one) and path. */
function placeOf(url: string): { site: string; path: string } | null {
  try {
    const { origin, pathname } = new URL(url);
    return origin === 'null' ? null : { site: origin, path: pathname };
  } catch {
    return null;
  }
}

/** `/setup/team` → `/setup`; `/` → `` (the home page is a part of its own). */
function sectionOf(path: string): string {
  const first = path.split('/').find((segment) => segment !== '');
  return first === undefined ? '' : `/${first.toLowerCase()}`;
}

/** Is `path` in the same part of the site as `remembered`? */
export function samePathPrefix(remembered: string, path: string): boolean {
  return sectionOf(remembered) === sectionOf(path);
}

/** A memory that does not validate is forgotten: it only saves typing, and the next save rebuilds it. */
async function read(store: FlowMemoryStore): Promise<FlowMemory> {
  const memory = await readSetting(settingsItems.flowMemory, store);
  return memory.ok ? memory.value : settingsItems.flowMemory.fallback;
}

/** The flow and step last used in this part of the page's site, if that was recent. */
export async function recallFlow(store: FlowMemoryStore, url: string, now: number): Promise<CarriedFlow | undefined> {
  const place = placeOf(url);
  if (place === null) return undefined;
  const entry = (await read(store))[place.site];
  if (!entry || entry.path === undefined) return undefined;
  const recent = now >= entry.at && now - entry.at < FLOW_MEMORY_MS;
  return recent && samePathPrefix(entry.path, place.path) ? { flow: entry.flow, path: entry.path, at: entry.at } : undefined;
}

/** After a save: remember the flow for the site and page, or forget it when the reporter cleared it. */
export async function rememberFlow(store: FlowMemoryStore, url: string, flow: Flow | undefined, now: number): Promise<void> {
  const place = placeOf(url);
  if (place === null) return;
  const memory = await read(store);
  const kept = Object.entries(memory).filter(([key, entry]) => key !== place.site && now - entry.at < FLOW_MEMORY_MS);
  const next: Array<[string, FlowMemory[string]]> =
    flow === undefined ? kept : [[place.site, { flow, at: now, path: place.path.slice(0, 2048) }], ...kept];
  await store.setValue(Object.fromEntries(next.slice(0, SITES_MAX)));
}
