import { useId } from 'react';
import { categories, severities, type Category, type Severity } from '#shared/capture';
import type { DetailFields } from '@/lib/capture/details';

const categoryLabels: Record<Category, string> = {
  bug: 'Bug',
  friction: 'Friction',
  request: 'Request',
  question: 'Question',
  praise: 'Praise',
};

const severityLabels: Record<Severity, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

const isCategory = (value: string): value is Category => categories.some((category) => category === value);
const isSeverity = (value: string): value is Severity => severities.some((severity) => severity === value);

interface DetailsFieldsProps {
  value: DetailFields;
  onChange: (next: DetailFields) => void;
  /** Customers named in earlier captures, most recent first. */
  customers: readonly string[];
  /** The customer rule that filled in the customer, if one did. */
  customerRule?: string | undefined;
  /** Flow and step are still as carried over from the last capture (same part of the site, recent). */
  flowCarried: boolean;
}

/** What kind of feedback this is, how bad, for which customer, and where in which flow. */
export function DetailsFields({ value, onChange, customers, customerRule, flowCarried }: DetailsFieldsProps) {
  const id = useId();
  const set = (change: Partial<DetailFields>) => onChange({ ...value, ...change });
  return (
    <div className="details-fields">
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-category`}>Category</label>
          <select
            id={`${id}-category`}
            value={value.category ?? ''}
            onChange={(event) => set({ category: isCategory(event.target.value) ? event.target.value : undefined })}
          >
            <option value="">Not set</option>
            {categories.map((category) => (
              <option key={category} value={category}>
                {categoryLabels[category]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-severity`}>Severity</label>
          <select
            id={`${id}-severity`}
            value={value.severity ?? ''}
            onChange={(event) => set({ severity: isSeverity(event.target.value) ? event.target.value : undefined })}
          >
            <option value="">Not set</option>
            {severities.map((severity) => (
              <option key={severity} value={severity}>
                {severityLabels[severity]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <label htmlFor={`${id}-customer`}>Customer</label>
      <input
        id={`${id}-customer`}
        list={`${id}-customers`}
        autoComplete="off"
        aria-describedby={`${id}-customer-hint`}
        value={value.customer}
        onChange={(event) => set({ customer: event.target.value })}
      />
      <datalist id={`${id}-customers`}>
        {customers.map((customer) => (
          <option key={customer} value={customer} />
        ))}
      </datalist>
      <p id={`${id}-customer-hint`} className="hint">
        {customerRule ? `Read from the page by your customer rule for ${customerRule}.` : 'The customer or account this is about, if any.'}
      </p>
      <div className="field-row">
        <div>
          <label htmlFor={`${id}-flow`}>Flow</label>
          <input
            id={`${id}-flow`}
            autoComplete="off"
            placeholder="Onboarding"
            aria-describedby={`${id}-flow-hint`}
            value={value.flow}
            onChange={(event) => set({ flow: event.target.value })}
          />
        </div>
        <div>
          <label htmlFor={`${id}-step`}>Step</label>
          <input
            id={`${id}-step`}
            autoComplete="off"
            placeholder="Invite teammates"
            aria-describedby={`${id}-flow-hint`}
            value={value.step}
            onChange={(event) => set({ step: event.target.value })}
          />
        </div>
      </div>
      {flowCarried && (
        <p className="carried-chip">
          <span>From your last capture</span>
          <span aria-hidden="true"> · </span>
          <button type="button" className="link" aria-label="Clear what your last capture filled in" onClick={() => set({ flow: '', step: '' })}>
            clear
          </button>
        </p>
      )}
      <p id={`${id}-flow-hint`} className="hint">
        {flowCarried
          ? 'Filled in because your last capture, a moment ago in this part of the site, was in this flow.'
          : 'Optional: the flow you are walking and its step; Snag offers them again in this part of the site for half an hour.'}
      </p>
    </div>
  );
}
