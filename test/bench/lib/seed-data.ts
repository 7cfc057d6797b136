/**
 * A realistic workspace's worth of captures, made up deterministically (same seed, same data):
 * mixed kinds on ~20 sites whose paths carry ids, tags, severities, triage states, customers,
 * onboarding flows and comments of real words, spread over 90 days and a dozen reporters.
 * seed-captures.ts writes them to a store.
 */
import type { CaptureKind, Category, ElementLocator, ParsedCaptureInput, Severity } from '#shared/capture';

export const SEED_DAYS = 90;

export type SeedStatus = 'new' | 'triaged' | 'in_progress' | 'resolved' | 'wont_fix' | 'duplicate';
export type SeedPriority = 'urgent' | 'high' | 'medium' | 'low';

export interface SeedCapture {
  input: ParsedCaptureInput;
  /** Index into the reporters the seeder created. */
  reporter: number;
  status: SeedStatus;
  priority: SeedPriority | null;
  /** Index into the reporters, or null when unassigned. */
  assignee: number | null;
  /** A duplicate's survivor, an earlier capture's index. */
  mergedInto: number | null;
}

export const REPORTER_NAMES = [
  'Ada Byron', 'Grace Hopper', 'Linus Pauling', 'Marie Curie', 'Alan Turing', 'Rosalind Franklin',
  'Edsger Dijkstra', 'Barbara Liskov', 'Ken Thompson', 'Margaret Hamilton', 'Donald Knuth', 'Frances Allen',
] as const;

/** mulberry32: tiny, fast and good enough to make test data look varied. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
};
/** Skewed towards the start of the list, like real traffic: a few pages get most of the feedback. */
const pickSkewed = <T>(random: Random, items: readonly T[]): T => pick(random, items.slice(0, 1 + Math.floor(random() ** 2 * items.length)));
function weighted<T extends string>(random: Random, weights: Readonly<Record<T, number>>): T {
  const entries = Object.entries(weights) as [T, number][];
  let roll = random() * entries.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  const last = entries.at(-1);
  if (last === undefined) throw new Error('no weights');
  return last[0];
}

interface PageTemplate {
  /** `{n}` a number, `{uuid}` a UUID, `{hex}` a hex id, `{email}` an address. */
  path: string;
  title: string;
  elements: readonly { selector: string; tagName: string; text: string; name: string }[];
}

const PAGES: readonly PageTemplate[] = [
  { path: '/accounts/{n}/billing', title: 'Billing', elements: [{ selector: '[data-testid="pay-now"]', tagName: 'button', text: 'Pay now', name: 'Pay now' }, { selector: '#invoice-table', tagName: 'table', text: 'Invoices', name: 'Invoices' }] },
  { path: '/checkout', title: 'Checkout', elements: [{ selector: '[data-testid="place-order"]', tagName: 'button', text: 'Place order', name: 'Place order' }, { selector: 'input[name="coupon"]', tagName: 'input', text: '', name: 'Coupon code' }] },
  { path: '/projects/{uuid}/settings', title: 'Project settings', elements: [{ selector: '[data-testid="save-settings"]', tagName: 'button', text: 'Save', name: 'Save settings' }] },
  { path: '/orders/{n}', title: 'Order details', elements: [{ selector: '[data-testid="refund"]', tagName: 'button', text: 'Refund', name: 'Refund order' }] },
  { path: '/users/{email}/profile', title: 'Profile', elements: [{ selector: '#avatar-upload', tagName: 'input', text: '', name: 'Upload avatar' }] },
  { path: '/reports/{hex}', title: 'Report', elements: [{ selector: '[data-testid="export-csv"]', tagName: 'button', text: 'Export', name: 'Export CSV' }, { selector: '.chart-legend', tagName: 'div', text: 'Legend', name: 'Legend' }] },
  { path: '/onboarding/{step}', title: 'Welcome', elements: [{ selector: '[data-testid="continue"]', tagName: 'button', text: 'Continue', name: 'Continue' }] },
  { path: '/dashboard', title: 'Dashboard', elements: [{ selector: '[data-testid="date-range"]', tagName: 'button', text: 'Last 30 days', name: 'Date range' }] },
  { path: '/search', title: 'Search', elements: [{ selector: 'input[type="search"]', tagName: 'input', text: '', name: 'Search' }] },
  { path: '/teams/{n}/members', title: 'Team members', elements: [{ selector: '[data-testid="invite"]', tagName: 'button', text: 'Invite', name: 'Invite member' }] },
  { path: '/integrations/{n}/connect', title: 'Connect integration', elements: [{ selector: '[data-testid="authorize"]', tagName: 'button', text: 'Authorize', name: 'Authorize' }] },
  { path: '/tickets/{n}', title: 'Ticket', elements: [{ selector: '.ticket-body', tagName: 'article', text: 'Customer writes', name: 'Ticket body' }] },
];

const SITES = [
  'app.acme.io', 'billing.globex.com', 'shop.initech.net', 'portal.umbrella.dev', 'app.hooli.com',
  'dashboard.stark.io', 'crm.wayne.co', 'desk.wonka.com', 'admin.tyrell.ai', 'app.cyberdyne.io',
  'go.soylent.org', 'my.oscorp.com', 'app.vandelay.biz', 'console.aperture.io', 'app.massive.dynamic.net',
  'studio.pied-piper.com', 'web.monarch.co', 'app.nakatomi.jp', 'help.gringotts.uk', 'app.dunder-mifflin.com',
] as const;

const TAGS = [
  'confusing', 'blocked', 'slow', 'error', 'missing', 'unclear copy', 'too many steps',
  'checkout', 'mobile', 'payments', 'onboarding', 'search', 'export', 'permissions', 'performance',
] as const;

const FLOWS: readonly { name: string; steps: readonly string[] }[] = [
  { name: 'Onboarding', steps: ['Sign up', 'Verify email', 'Create workspace', 'Invite teammates', 'Connect data', 'First report'] },
  { name: 'Checkout', steps: ['Cart', 'Shipping', 'Payment', 'Confirmation'] },
  { name: 'Import', steps: ['Upload file', 'Map columns', 'Review', 'Done'] },
];

const CUSTOMER_WORDS = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark', 'Wayne', 'Wonka', 'Tyrell', 'Cyberdyne', 'Soylent', 'Oscorp', 'Vandelay', 'Aperture', 'Massive', 'Monarch', 'Nakatomi', 'Gringotts', 'Dunder', 'Pied Piper'];
const CUSTOMER_SUFFIXES = ['Inc', 'GmbH', 'Ltd', 'Corp', 'Labs', 'Group', 'Partners', 'Systems', 'Holdings', 'Retail', 'Health', 'Logistics', 'Bank', 'Foods', 'Media'];

const SUBJECTS = ['The pay button', 'The invoice table', 'The export', 'Search', 'The date picker', 'The invite dialog', 'The coupon field', 'Saving settings', 'The refund flow', 'The chart legend', 'Uploading an avatar', 'The continue button', 'Connecting the integration', 'The member list', 'Two-factor setup'];
const PROBLEMS = ['is hidden behind the cookie banner', 'takes ages to load', 'fails with an unexpected error', 'does nothing when clicked', 'shows the wrong currency', 'loses the entered values', 'is cut off on small screens', 'asks for the same information twice', 'shows a blank page', 'times out after a minute', 'uses confusing wording', 'ignores the selected filter', 'logs the customer out', 'rounds totals incorrectly', 'is missing a confirmation'];
const CONTEXTS = ['on mobile Safari', 'for customers with many invoices', 'right after signing up', 'when the network is slow', 'in the German locale', 'for admins only', 'since the last release', 'with a coupon applied', 'on the annual plan', 'when switching workspaces'];
const ASKS = ['Customer is frustrated and considering alternatives.', 'Happened three times during the demo.', 'Blocks the renewal conversation.', 'Support ticket attached in the quote.', 'Reproducible every time.', 'Workaround: refresh the page.', 'Sales call today, please prioritise.', 'Seen by several teammates this week.', ''];
const QUOTES = ['I could not find where to download my invoices', 'Why do I have to enter my address again?', 'The page just spins and nothing happens', 'We need SSO before we can roll this out', 'Export to CSV would save us hours every week', 'Your pricing page and the invoice disagree', 'The onboarding checklist never completes'];

export interface SeedOptions {
  count: number;
  /** The newest capture is at most this old; the oldest SEED_DAYS before it. */
  now: Date;
  seed?: number;
}

/** The customers captures name: a long tail, a few of them big. */
function customers(random: Random): string[] {
  const names = new Set<string>();
  while (names.size < 300) names.add(`${pick(random, CUSTOMER_WORDS)} ${pick(random, CUSTOMER_SUFFIXES)}`);
  return [...names];
}

function fill(template: string, random: Random, flowStep: string | undefined): string {
  const hex = () => Math.floor(random() * 0xffffffff).toString(16).padStart(8, '0');
  return template
    .replace('{n}', String(1000 + Math.floor(random() * 90_000)))
    .replace('{uuid}', `${hex()}-${hex().slice(0, 4)}-4${hex().slice(0, 3)}-a${hex().slice(0, 3)}-${hex()}${hex().slice(0, 4)}`)
    .replace('{hex}', `${hex()}${hex()}`)
    .replace('{email}', `user${Math.floor(random() * 5000)}@example.com`)
    .replace('{step}', (flowStep ?? 'start').toLowerCase().replaceAll(' ', '-'));
}

function element(page: PageTemplate, random: Random, x: number, y: number): ElementLocator {
  const target = pick(random, page.elements);
  const box = { x, y, width: 120, height: 36 };
  return {
    selector: target.selector,
    xpath: `/html/body/main/${target.tagName}[1]`,
    tagName: target.tagName,
    text: target.text,
    name: target.name,
    ...(target.tagName === 'button' ? { role: 'button' } : {}),
    viewportBox: box,
    documentBox: { ...box, y: y + 400 },
  };
}

const ENVIRONMENTS = [
  { browser: { name: 'Chrome', version: '131.0.6778.86' }, os: 'macOS 15.1', viewport: { width: 1440, height: 900 }, devicePixelRatio: 2, language: 'en-GB', timeZone: 'Europe/London', extensionVersion: '0.1.0' },
  { browser: { name: 'Firefox', version: '133.0' }, os: 'Windows 11', viewport: { width: 1920, height: 1080 }, devicePixelRatio: 1, language: 'de-DE', timeZone: 'Europe/Berlin', extensionVersion: '0.1.0' },
  { browser: { name: 'Chrome', version: '130.0.6723.117' }, os: 'Linux', viewport: { width: 1280, height: 720 }, devicePixelRatio: 1, language: 'en-US', timeZone: 'America/New_York', extensionVersion: '0.1.0' },
] as const;

/** `count` captures, oldest first; ids are UUIDv7s made from each capture's own time, so they sort with it. */
export function seedCaptures(options: SeedOptions): SeedCapture[] {
  const random = prng(options.seed ?? 42);
  const customerNames = customers(random);
  const end = options.now.getTime() - 60_000;
  const start = end - SEED_DAYS * 86_400_000;
  // Sorted times, so a duplicate can point at an earlier capture.
  const times = Array.from({ length: options.count }, () => start + Math.floor(random() * (end - start))).sort((a, b) => a - b);

  return times.map((time, index): SeedCapture => {
    const kind = weighted<CaptureKind>(random, { screenshot: 5, clip: 2.5, friction: 2.5 });
    const flow = kind === 'friction' || random() < 0.1 ? pick(random, FLOWS) : undefined;
    const step = flow === undefined ? undefined : pickSkewed(random, flow.steps);
    const page = pickSkewed(random, PAGES);
    const site = pickSkewed(random, SITES);
    const comment = [pick(random, SUBJECTS), pick(random, PROBLEMS), `${pick(random, CONTEXTS)}.`, pick(random, ASKS)].join(' ').trim();
    const tagCount = Math.floor(random() * 4);
    const tags = [...new Set(Array.from({ length: tagCount }, () => pickSkewed(random, TAGS)))];
    const quote = kind === 'clip' ? pick(random, QUOTES) : undefined;
    const customer = random() < 0.8 ? pickSkewed(random, customerNames) : undefined;
    const pinned = kind !== 'clip' && random() < 0.4 ? element(page, random, Math.floor(random() * 1200), Math.floor(random() * 700)) : undefined;

    const status = weighted<SeedStatus>(random, { new: 40, triaged: 20, in_progress: 10, resolved: 20, wont_fix: 5, duplicate: 5 });
    const mergedInto = status === 'duplicate' && index > 0 ? Math.floor(random() * index) : null;
    const input: ParsedCaptureInput = {
      id: uuidv7At(time, random),
      kind,
      page: { url: `https://${site}${fill(page.path, random, step)}${random() < 0.3 ? '?tab=overview&ref=nav' : ''}`, title: `${page.title} – ${site}` },
      comment,
      tags,
      createdAt: new Date(time).toISOString(),
      annotations: kind === 'screenshot' ? [{ type: 'rect', x: 0.1, y: 0.2, width: 0.3, height: 0.15, color: '#ff3b30' }] : [],
      environment: pick(random, ENVIRONMENTS),
      category: weighted<Category>(random, { bug: 4, friction: 3, request: 2, question: 1, praise: 0.5 }),
      severity: weighted<Severity>(random, { low: 4, medium: 3, high: 2, critical: 0.5 }),
      ...(quote === undefined ? {} : { quote }),
      ...(customer === undefined ? {} : { customer }),
      ...(flow === undefined ? {} : { flow: step === undefined ? { name: flow.name } : { name: flow.name, step } }),
      ...(pinned === undefined ? {} : { element: pinned }),
    };
    return {
      input,
      reporter: Math.floor(random() ** 1.5 * REPORTER_NAMES.length),
      status: mergedInto === null && status === 'duplicate' ? 'new' : status,
      priority: status === 'new' ? null : weighted<SeedPriority>(random, { urgent: 1, high: 3, medium: 4, low: 2 }),
      assignee: status === 'triaged' || status === 'in_progress' ? Math.floor(random() * 4) : null,
      mergedInto,
    };
  });
}

/** A version-7 UUID for a given time (48-bit ms timestamp, version and variant bits, random rest). */
function uuidv7At(time: number, random: Random): string {
  const hex = (value: number, digits: number) => Math.floor(value).toString(16).padStart(digits, '0');
  const ms = hex(time, 12);
  const randomHex = (digits: number) => Array.from({ length: digits }, () => hex(random() * 16, 1)).join('');
  const variant = hex(8 + Math.floor(random() * 4), 1);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${randomHex(3)}-${variant}${randomHex(3)}-${randomHex(12)}`;
}
