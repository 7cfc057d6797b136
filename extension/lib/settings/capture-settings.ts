import { ok } from '../result';
import { customerRulesStore, readCustomerRules, type CustomerRulesStore } from './customer-rules';
import { ALL_SHOWN, type CustomerRule, type ShownDataOptions } from './items';
import { diagnosticsSitesStore, readDiagnosticsSites, type DiagnosticsSitesStore } from './diagnostics-sites';
import { privacyStore, readPrivacySettings, type PrivacyStore } from './privacy';

/** What Options say about capturing a page: elements to redact, and where customers' names are. */
export interface CaptureSettings {
  privateSelectors: readonly string[];
  /** Which kinds of personal data shown on the page start covered; all of them when not said. */
  redactShown?: ShownDataOptions;
  customerRules: readonly CustomerRule[];
  /** Sites (`https://app.example.com`) where the user turned diagnostics on: the only pages asked for them. */
  diagnosticsSites?: readonly string[];
}

/**
 * From storage. Settings that no longer validate count as none here: the editor reports them, and
 * a capture should not fail for them.
 */
export async function readCaptureSettings(
  stores: { privacy: PrivacyStore; customerRules: CustomerRulesStore; diagnosticsSites?: DiagnosticsSitesStore } = {
    privacy: privacyStore,
    customerRules: customerRulesStore,
    diagnosticsSites: diagnosticsSitesStore,
  },
): Promise<CaptureSettings> {
  const [privacy, rules, sites] = await Promise.all([
    readPrivacySettings(stores.privacy),
    readCustomerRules(stores.customerRules),
    stores.diagnosticsSites ? readDiagnosticsSites(stores.diagnosticsSites) : ok([]),
  ]);
  return {
    privateSelectors: privacy.ok ? privacy.value.privateSelectors : [],
    // Unreadable settings protect as the defaults do.
    redactShown: privacy.ok ? privacy.value.redactShown : ALL_SHOWN,
    customerRules: rules.ok ? rules.value : [],
    diagnosticsSites: sites.ok ? sites.value : [],
  };
}
