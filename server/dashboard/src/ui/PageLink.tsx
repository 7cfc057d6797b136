import { displayUrl, safeHref } from './safe-url';

interface PageLinkProps {
  url: string;
  /** Show host + path only (cards) rather than the whole URL (detail view). */
  compact?: boolean;
  /** Out of the Tab order (feed rows not in focus). */
  tabbable?: boolean;
}

/**
 * The page a capture was made on. Captured URLs are untrusted: only http(s) URLs become live
 * links (opening in a new tab, without opener or referrer); anything else is plain text.
 */
export function PageLink({ url, compact = false, tabbable = true }: PageLinkProps) {
  const href = safeHref(url);
  const text = compact ? displayUrl(url) : url;
  if (href === null) {
    return (
      <span className="page-url page-url-inert" title="Not an http(s) address, so not a link">
        {text}
      </span>
    );
  }
  return (
    <a
      className="page-url"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      title={url}
      tabIndex={tabbable ? undefined : -1}
    >
      {text}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
