import { feedHref, type FeedFilters } from './route';

interface TagListProps {
  tags: readonly string[];
  /** Filters to keep when following a tag (the feed's current ones, say). */
  baseFilters?: FeedFilters;
  /** Out of the Tab order (feed rows not in focus). */
  tabbable?: boolean;
}

/** A capture's tags, each a link to the feed filtered by it. */
export function TagList({ tags, baseFilters = {}, tabbable = true }: TagListProps) {
  if (tags.length === 0) return null;
  return (
    <div className="tags">
      <span className="visually-hidden">Tags: </span>
      <ul>
        {tags.map((tag) => (
          <li key={tag}>
            <a
              href={feedHref({ ...baseFilters, tag: [tag] })}
              title={`Show captures tagged “${tag}”`}
              tabIndex={tabbable ? undefined : -1}
            >
              {tag}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
