import { activeFilters, withoutFilter, withoutFilters } from './filters';

interface ActiveFiltersProps {
  params: URLSearchParams;
  navigate: (params: URLSearchParams) => void;
  /** What the filters narrow, e.g. "these insights". */
  subject: string;
  /** The feed showing the same captures. */
  feedHref: string;
}

/** The feed filters this page applies, each removable, and a way back to the feed to change them. */
export function ActiveFilters({ params, navigate, subject, feedHref }: ActiveFiltersProps) {
  const active = activeFilters(params);
  return (
    <div className="insights-filters">
      {active.length === 0 ? (
        <p className="muted">
          All captures. <a href={feedHref}>Filter the feed</a> first to narrow {subject}.
        </p>
      ) : (
        <>
          <p className="insights-filters-label">Filtered by:</p>
          <ul className="insights-filters-list">
            {active.map((filter) => (
              <li key={`${filter.key}=${filter.value}`}>
                <span>
                  {filter.label}: <strong>{filter.value}</strong>
                </span>
                <button
                  type="button"
                  className="button-secondary button-small"
                  aria-label={`Remove filter ${filter.label}: ${filter.value}`}
                  onClick={() => navigate(withoutFilter(params, filter))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button-secondary button-small" onClick={() => navigate(withoutFilters(params))}>
            Clear filters
          </button>
          <a href={feedHref}>Open these captures in the feed</a>
        </>
      )}
    </div>
  );
}
