import type { TopItem } from '#shared/insights';
import { plural } from './onboarding';

interface BarListProps {
  items: readonly TopItem[];
  /** The feed listing one item's captures. */
  hrefFor: (item: TopItem) => string;
  /** Shown under the label when it differs from it (a page's route under its title). */
  showKey?: boolean;
  label: string;
  /** Say how many customers each item touched (not for a list of customers: each is one). */
  showCustomers?: boolean;
}

/** A ranked list with a bar per item: the numbers are text, the bars only help the eye. */
export function BarList({ items, hrefFor, showKey = false, label, showCustomers = true }: BarListProps) {
  const max = Math.max(1, ...items.map((item) => item.count));
  return (
    <ol className="bar-list" aria-label={label}>
      {items.map((item) => {
        const title = item.label.trim() || item.key;
        return (
          <li key={item.key}>
            <a href={hrefFor(item)} className="bar-list-link">
              <span className="bar-list-label">{title}</span>
              {showKey && title !== item.key && <span className="bar-list-key">{item.key}</span>}
            </a>
            <span className="chart-bar-track" aria-hidden="true">
              <span className="chart-bar chart-bar-captures" style={{ width: `${(item.count / max) * 100}%` }} />
            </span>
            <span className="bar-list-value">
              {plural(item.count, 'capture', 'captures')}
              {showCustomers && ` · ${plural(item.customers, 'customer', 'customers')}`}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
