import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { flow as flowSchema, type Flow } from '#shared/capture';

/** A flow is forgotten after this long without a capture on its site: the walk-through is over. */
export const FLOW_MEMORY_MS = 2 * 60 * 60_000;
const SITES_MAX = 50;

const memorySchema = z.record(z.string(), z.strictObject({ flow: flowSchema, at: z.number() }));
type FlowMemory = z.infer<typeof memorySchema>;

export interface FlowMemoryStore {
  getValue(): Promise<unknown>;
  setValue(value: FlowMemory): Promise<void>;
}

export const flowMemoryStore: FlowMemoryStore = storage.defineItem<unknown>('local:flows');

/** Flows are remembered per site: the page's origin (`null` for pages without one). */
function siteOf(url: string): string | null {
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

async function read(store: FlowMemoryStore): Promise<FlowMemory> {
  const parsed = memorySchema.safeParse(await store.getValue());
  return parsed.success ? parsed.data : {};
}

/** The flow and step last used on this page's site, while the user is still walking it. */
export async function recallFlow(store: FlowMemoryStore, url: string, now: number): Promise<Flow | undefined> {
  const site = siteOf(url);
  if (site === null) return undefined;
  const entry = (await read(store))[site];
  return entry && now - entry.at < FLOW_MEMORY_MS ? entry.flow : undefined;
}

/** After a save: remember the flow for the site, or forget it when the reporter cleared it. */
export async function rememberFlow(store: FlowMemoryStore, url: string, flow: Flow | undefined, now: number): Promise<void> {
  const site = siteOf(url);
  if (site === null) return;
  const memory = await read(store);
  const kept = Object.entries(memory).filter(([key, entry]) => key !== site && now - entry.at < FLOW_MEMORY_MS);
  const next: Array<[string, FlowMemory[string]]> = flow === undefined ? kept : [[site, { flow, at: now }], ...kept];
  await store.setValue(Object.fromEntries(next.slice(0, SITES_MAX)));
}
