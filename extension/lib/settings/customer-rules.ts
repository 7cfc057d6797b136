import { CUSTOMER_MAX_LENGTH } from '#shared/capture';
import { fail, ok, type Result } from '../result';
import { CUSTOMER_RULES_MAX, customerRulesSchema, settingsItems, type CustomerRule } from './items';
import { readSetting, storedValueOf, type StoredValue } from './storage';
import { matchesUrlPattern, unsafeRegexReason, URL_MATCH_MAX } from './url-matching';



export type CustomerRulesStore = StoredValue<CustomerRule[]>;

export const customerRulesStore: CustomerRulesStore = storedValueOf(settingsItems.customerRules);

/** The stored rules; none when nothing is stored, and a reason when what is stored no longer validates. */
export function readCustomerRules(store: CustomerRulesStore): Promise<Result<CustomerRule[]>> {
  return readSetting(settingsItems.customerRules, store);
}

/**
 * Does the rule's URL pattern match? `*` is any run of characters, everything else literal, the
 * whole URL must match (in time linear in the URL: see url-matching.ts). Without a scheme
 * (`crm.example.com/accounts/*`) any scheme does.
 */
export function urlPatternMatches(pattern: string, url: string): boolean {
  return matchesUrlPattern(pattern.includes('://') ? pattern : `*://${pattern}`, url);
}

export function ruleApplies(rule: CustomerRule, url: string): boolean {
  return urlPatternMatches(rule.pattern, url);
}

/**
 * The customer named by a URL, through the rule's expression: its first group, else the whole
 * match. An expression that could backtrack badly is never run (Options refuses to save it).
 */
export function customerFromUrl(regex: string, url: string): string | undefined {
  if (unsafeRegexReason(regex) !== undefined) return undefined;
  let match: RegExpExecArray | null;
  try {
    match = new RegExp(regex, 'i').exec(url.slice(0, URL_MATCH_MAX));
  } catch {
    return undefined;
  }
  const raw = match?.[1] ?? match?.[0];
  if (raw === undefined) return undefined;
  let decoded = raw;
  try {
    decoded = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // Not percent-encoding after all: keep it as it is.
  }
  return cleanCustomer(decoded);
}

const cleanCustomer = (text: string) => {
  const clean = text.replace(/\s+/g, ' ').trim().slice(0, CUSTOMER_MAX_LENGTH);
  return clean === '' ? undefined : clean;
};

/** The selectors to read on a page: those of the element rules that apply to its URL. */
export function selectorsToRead(rules: readonly CustomerRule[], url: string | undefined): string[] {
  if (url === undefined) return [];
  return rules.flatMap((rule) => (rule.source.from === 'selector' && ruleApplies(rule, url) ? [rule.source.selector] : []));
}

/**
 * The customer the first applicable rule finds on the page, and that rule's pattern. `texts` are
 * what the page showed at the selectors `selectorsToRead` asked for.
 */
export function customerFromRules(
  rules: readonly CustomerRule[],
  url: string,
  texts: ReadonlyArray<{ selector: string; text: string }>,
): { customer: string; rule: string } | undefined {
  for (const rule of rules) {
    if (!ruleApplies(rule, url)) continue;
    const { source } = rule;
    const customer =
      source.from === 'url'
        ? customerFromUrl(source.regex, url)
        : cleanCustomer(texts.find((text) => text.selector === source.selector)?.text ?? '');
    if (customer !== undefined) return { customer, rule: rule.pattern };
  }
  return undefined;
}

/** Check rules as typed in Options: `isValidSelector` asks a real DOM. Answers what to fix, by rule number. */
export function validateCustomerRules(
  rules: readonly CustomerRule[],
  isValidSelector: (selector: string) => boolean,
): Result<CustomerRule[]> {
  const parsed = customerRulesSchema.safeParse(rules);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const index = typeof issue?.path[0] === 'number' ? issue.path[0] : undefined;
    if (index === undefined) return fail(`Customer rules: at most ${CUSTOMER_RULES_MAX}`);
    return fail(`Customer rule ${index + 1}: ${issue?.message ?? 'invalid'}`);
  }
  for (const [index, rule] of parsed.data.entries()) {
    const { source } = rule;
    if (source.from === 'selector' && !isValidSelector(source.selector)) {
      return fail(`Customer rule ${index + 1}: "${source.selector}" is not a valid CSS selector`);
    }
    if (source.from === 'url') {
      try {
        new RegExp(source.regex);
      } catch {
        return fail(`Customer rule ${index + 1}: "${source.regex}" is not a valid regular expression`);
      }
      const unsafe = unsafeRegexReason(source.regex);
      if (unsafe !== undefined) return fail(`Customer rule ${index + 1}: "${source.regex}" could make every capture slow: ${unsafe}`);
    }
  }
  return ok(parsed.data);
}
