import { useEffect, useId, useState, type FormEvent } from 'react';
import { CUSTOMER_RULES_MAX, type CustomerRule } from '@/lib/settings/items';
import { customerRulesStore, readCustomerRules, validateCustomerRules } from '@/lib/settings/customer-rules';
import { selectorChecker } from '@/lib/settings/privacy';
import { errorMessage } from '@/lib/result';
import { SettingsForm } from './SettingsForm';

/** A rule as edited: both sources kept, so switching between them loses nothing typed. */
interface RuleDraft {
  pattern: string;
  from: 'selector' | 'url';
  selector: string;
  regex: string;
}

const toDraft = (rule: CustomerRule): RuleDraft => ({
  pattern: rule.pattern,
  from: rule.source.from,
  selector: rule.source.from === 'selector' ? rule.source.selector : '',
  regex: rule.source.from === 'url' ? rule.source.regex : '',
});

const toRule = (draft: RuleDraft): CustomerRule => ({
  pattern: draft.pattern,
  source: draft.from === 'selector' ? { from: 'selector', selector: draft.selector } : { from: 'url', regex: draft.regex },
});

const blank: RuleDraft = { pattern: '', from: 'selector', selector: '', regex: '' };

/**
 * Where sites show whom a page is about, so captures there start with the customer filled in:
 * a helpdesk ticket's requester, a CRM account's name. Saved on its own (`local:customerRules`).
 */
export function CustomerRules() {
  const id = useId();
  const [rules, setRules] = useState<RuleDraft[]>([]);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    readCustomerRules(customerRulesStore)
      .then((stored) => (stored.ok ? setRules(stored.value.map(toDraft)) : setMessage(stored.reason)))
      .catch((error: unknown) => setMessage(`Could not read the customer rules: ${errorMessage(error)}`));
  }, []);

  const change = (index: number, patch: Partial<RuleDraft>) =>
    setRules(rules.map((rule, at) => (at === index ? { ...rule, ...patch } : rule)));

  async function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validateCustomerRules(rules.map(toRule), selectorChecker(document));
    if (!checked.ok) return setMessage(checked.reason);
    setBusy(true);
    try {
      await customerRulesStore.setValue(checked.value);
      setRules(checked.value.map(toDraft));
      setMessage(checked.value.length === 0 ? 'No customer rules' : 'Customer rules saved');
    } catch (error) {
      setMessage(`Could not store the customer rules: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="settings-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Customers</h2>
      <p className="hint">
        On pages that show whom they are about — a helpdesk ticket, a CRM account — Snag can fill in the Customer of a
        capture. Pages: an address with <code>*</code> for any text, e.g. <code>https://acme.zendesk.com/agent/tickets/*</code>.
      </p>
      <SettingsForm
        onSubmit={apply}
        busy={busy}
        submitLabel="Apply customer rules"
        message={message}
        actions={
          <button type="button" disabled={rules.length >= CUSTOMER_RULES_MAX} onClick={() => setRules([...rules, blank])}>
            Add a customer rule
          </button>
        }
      >
        {rules.map((rule, index) => (
          <fieldset key={index} className="rule">
            <legend>Rule {index + 1}</legend>
            <label htmlFor={`${id}-${index}-pattern`}>Pages</label>
            <input
              id={`${id}-${index}-pattern`}
              spellCheck={false}
              placeholder="https://crm.example.com/accounts/*"
              value={rule.pattern}
              onChange={(event) => change(index, { pattern: event.target.value })}
            />
            <label htmlFor={`${id}-${index}-from`}>Read the customer from</label>
            <select
              id={`${id}-${index}-from`}
              value={rule.from}
              onChange={(event) => change(index, { from: event.target.value === 'url' ? 'url' : 'selector' })}
            >
              <option value="selector">An element on the page</option>
              <option value="url">The page’s address</option>
            </select>
            {rule.from === 'selector' ? (
              <>
                <label htmlFor={`${id}-${index}-selector`}>CSS selector</label>
                <input
                  id={`${id}-${index}-selector`}
                  spellCheck={false}
                  placeholder=".account-header h1"
                  value={rule.selector}
                  onChange={(event) => change(index, { selector: event.target.value })}
                />
              </>
            ) : (
              <>
                <label htmlFor={`${id}-${index}-regex`}>Regular expression</label>
                <input
                  id={`${id}-${index}-regex`}
                  spellCheck={false}
                  placeholder="/accounts/([^/?#]+)"
                  aria-describedby={`${id}-${index}-regex-hint`}
                  value={rule.regex}
                  onChange={(event) => change(index, { regex: event.target.value })}
                />
                <p id={`${id}-${index}-regex-hint`} className="hint">
                  Matched against the address; the first group in parentheses is the customer.
                </p>
              </>
            )}
            <button type="button" onClick={() => setRules(rules.filter((_, at) => at !== index))}>
              Remove rule {index + 1}
            </button>
          </fieldset>
        ))}
      </SettingsForm>
    </section>
  );
}
