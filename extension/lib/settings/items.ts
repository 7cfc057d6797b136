import { z } from 'zod';
import { CUSTOMER_MAX_LENGTH, flow as flowSchema } from '#shared/capture';
import { DEFAULT_WORKSPACE_TAGS } from '#shared/api';
import { ALL_SCRUBBERS, type VisibleDataKind } from '#shared/pii';
import { serverUrlSchema } from '#shared/server-url';
import type { SettingsItem } from './storage';

/**
 * Everything the extension keeps in `storage.local`, one row an item: its key, what it may look
 * like, what reading gives before anything is stored, and its version with the migrations to it.
 * Read them with `readSetting` (storage.ts), which reports a stored value that does not validate.
 * The access token is not here: it lives in IndexedDB, out of content scripts' reach (token-store.ts).
 */

// ── Connection: the server, and whom the token belongs to ──
/** What the user configures on the options page. An empty string means "not set yet". */
export const settingsSchema = z.strictObject({
  serverUrl: z.union([z.literal(''), serverUrlSchema]),
  token: z.string().trim(),
  /** Whom the token belongs to, when the extension got it by pairing (a pasted token says nothing). */
  connectedAs: z.strictObject({ name: z.string(), role: z.string() }).optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { serverUrl: '', token: '' };

// ── Privacy: what Snag hides before a capture is stored ──
export const PRIVATE_SELECTORS_MAX = 50;
export const SELECTOR_MAX_LENGTH = 500;

/**
 * What Snag hides before a capture is stored. Every field has a default, so settings saved by an
 * older version (without a newer scrubber, say) still read, with the newer protection on.
 */
export type ShownDataOptions = Readonly<Record<VisibleDataKind, boolean>>;
export const ALL_SHOWN: ShownDataOptions = { email: true, phone: true, card: true };

export const privacySettingsSchema = z.strictObject({
  scrub: z
    .strictObject({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      card: z.boolean().default(true),
      token: z.boolean().default(true),
    })
    .default(ALL_SCRUBBERS),
  /** Personal data shown as text on the page that screenshots start with a box over. */
  redactShown: z
    .strictObject({
      email: z.boolean().default(true),
      phone: z.boolean().default(true),
      card: z.boolean().default(true),
    })
    .default(ALL_SHOWN),
  /** CSS selectors of page elements to redact in screenshots, besides Snag's own rules. */
  privateSelectors: z
    .array(z.string().trim().min(1).max(SELECTOR_MAX_LENGTH))
    .max(PRIVATE_SELECTORS_MAX)
    .default([]),
});
export type PrivacySettings = z.output<typeof privacySettingsSchema>;

export const defaultPrivacySettings: PrivacySettings = { scrub: ALL_SCRUBBERS, redactShown: ALL_SHOWN, privateSelectors: [] };

// ── Customer rules ──
export const CUSTOMER_RULES_MAX = 50;

/**
 * Where a site shows whom a page is about — a helpdesk ticket's requester, a CRM account's name —
 * so captures made there start with the customer filled in. Pages are chosen by a URL pattern with
 * `*` wildcards; the name is read from an element (CSS selector) or from the URL (a regular
 * expression; its first group, or the whole match).
 */
export const customerRuleSchema = z.strictObject({
  pattern: z.string().trim().min(1, 'enter the pages it applies to').max(500),
  source: z.discriminatedUnion('from', [
    z.strictObject({ from: z.literal('selector'), selector: z.string().trim().min(1, 'enter a CSS selector').max(500) }),
    z.strictObject({ from: z.literal('url'), regex: z.string().trim().min(1, 'enter a regular expression').max(500) }),
  ]),
});
export type CustomerRule = z.infer<typeof customerRuleSchema>;

export const customerRulesSchema = z.array(customerRuleSchema).max(CUSTOMER_RULES_MAX);

// ── Diagnostics sites ──
export const DIAGNOSTICS_SITES_MAX = 50;

/** `https://app.example.com`: a site as shown and stored. */
export const diagnosticsSitesSchema = z.array(z.string().regex(/^https?:\/\/[^/\s]+$/)).max(DIAGNOSTICS_SITES_MAX);

// ── Caches: rebuilt by themselves, so a stored value that does not validate is simply dropped ──

/** The flow and step of the last capture on each site (see capture/flow-memory.ts). */
export const flowMemorySchema = z.record(
  z.string(),
  z.strictObject({
    flow: flowSchema,
    at: z.number(),
    /** The path of the page it was used on; missing in what older versions stored (never carried over). */
    path: z.string().max(2048).optional(),
  }),
);
export type FlowMemory = z.infer<typeof flowMemorySchema>;

export const CACHED_CUSTOMERS_MAX = 200;

/**
 * The workspace's tag list and its recent customers, kept in `storage.local` so the editor can
 * suggest them offline. Only the background refreshes them from the server.
 */
export const workspaceListsSchema = z.strictObject({
  tags: z.array(z.string()).max(200),
  customers: z.array(z.string()).max(CACHED_CUSTOMERS_MAX),
  /** The server they came from: a different server's lists are not this one's. */
  serverUrl: z.string(),
  /** Epoch ms of the last successful refresh; 0 if never. */
  fetchedAt: z.number(),
});
export type WorkspaceLists = z.infer<typeof workspaceListsSchema>;

const noWorkspaceLists: WorkspaceLists = { tags: [...DEFAULT_WORKSPACE_TAGS], customers: [], serverUrl: '', fetchedAt: 0 };

export interface SettingsTable {
  connection: SettingsItem<Settings>;
  privacy: SettingsItem<PrivacySettings>;
  customerRules: SettingsItem<CustomerRule[]>;
  diagnosticsSites: SettingsItem<string[]>;
  flowMemory: SettingsItem<FlowMemory>;
  workspaceLists: SettingsItem<WorkspaceLists>;
}

const SAVE_AGAIN = "Open Snag's options and save them again.";
const START_NEW_SITES = 'Snag leaves the list as it is: press Start a new list in Options to replace it.';
const REBUILT = 'Snag drops it and builds it again.';

/** The table. Append a row for a new item; raise `version` (with a migration) when a shape changes. */
export const settingsItems: SettingsTable = {
  /** What `readSetting` sees of it: `storage.local` holds all but the token (see connection.ts). */
  connection: { key: 'local:settings', label: 'settings', schema: settingsSchema, fallback: defaultSettings, fix: SAVE_AGAIN, version: 1, migrations: {} },
  privacy: { key: 'local:privacy', label: 'privacy settings', schema: privacySettingsSchema, fallback: defaultPrivacySettings, fix: SAVE_AGAIN, version: 1, migrations: {} },
  customerRules: { key: 'local:customerRules', label: 'customer rules', schema: customerRulesSchema, fallback: [], fix: SAVE_AGAIN, version: 1, migrations: {} },
  diagnosticsSites: { key: 'local:diagnosticsSites', label: 'diagnostics sites', schema: diagnosticsSitesSchema, fallback: [], fix: START_NEW_SITES, version: 1, migrations: {} },
  flowMemory: { key: 'local:flows', label: 'remembered flows', schema: flowMemorySchema, fallback: {}, fix: REBUILT, version: 1, migrations: {} },
  workspaceLists: { key: 'local:workspaceLists', label: 'workspace lists', schema: workspaceListsSchema, fallback: noWorkspaceLists, fix: REBUILT, version: 1, migrations: {} },
};
