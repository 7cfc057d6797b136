import { feedHref, type FeedFilters } from './route';

interface TagListProps {
  tags: readonly string[];
  /** Filters to keep when following a tag (the feed's current kind, say). */
  baseFilters?: FeedFilters;
}

/** A capture's tags, each a link to the feed filtered by it. */
export function TagList({ tags, baseFilters = {} }: TagListProps) {
  if (tags.length === 0) return null;
  return (
    <div className="tags">
      <span className="visually-hidden">Tags: </span>
      <ul>
        {tags.map((tag) => (
          <li key={tag}>
            <a href={feedHref({ ...baseFilters, tag })} title={`Show captures tagged “${tag}”`}>
              {tag}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
