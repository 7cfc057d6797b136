import type { Capture } from '#shared/capture';
import { CATEGORY_LABELS, flowLabel, SEVERITY_LABELS } from './format';

/** What the reporter said about a capture, on one line: category, severity, customer, flow and step. */
export function ClassificationBadges({ capture }: { capture: Capture }) {
  const { category, severity, customer, flow } = capture;
  if (category === undefined && severity === undefined && customer === undefined && flow === undefined) return null;
  return (
    <p className="classification">
      {category !== undefined && <span className={`badge category-${category}`}>{CATEGORY_LABELS[category]}</span>}
      {severity !== undefined && (
        <span className={`badge severity-${severity}`}>
          <span className="visually-hidden">Severity: </span>
          {SEVERITY_LABELS[severity]}
        </span>
      )}
      {customer !== undefined && (
        <span className="classification-customer">
          <span className="visually-hidden">Customer: </span>
          {customer}
        </span>
      )}
      {flow !== undefined && (
        <span className="classification-flow">
          <span className="visually-hidden">Flow: </span>
          {flowLabel(flow)}
        </span>
      )}
    </p>
  );
}
