import type { Capture } from '#shared/capture';
import { safeHref } from '../ui/safe-url';

/**
 * A clipped quote with the text around it on the page, and the link that reopens the page at it.
 * Everything here came from the page: text only, and the link is live only for http(s).
 */
export function QuoteSection({ capture }: { capture: Capture & { quote: string } }) {
  const { quote, quoteContext, textFragmentUrl } = capture;
  const href = textFragmentUrl === undefined ? null : safeHref(textFragmentUrl);
  return (
    <section aria-labelledby="detail-quote">
      <h2 id="detail-quote">Quote</h2>
      <blockquote className="long-text">{quote}</blockquote>
      {quoteContext !== undefined && (quoteContext.prefix !== '' || quoteContext.suffix !== '') && (
        <p className="quote-context long-text">
          <span className="visually-hidden">In context: </span>…{quoteContext.prefix}
          <mark>{quote}</mark>
          {quoteContext.suffix}…
        </p>
      )}
      {href !== null && (
        <p>
          <a href={href} target="_blank" rel="noopener noreferrer">
            Open the page at this quote<span className="visually-hidden"> (opens in a new tab)</span>
          </a>
        </p>
      )}
      {textFragmentUrl !== undefined && href === null && (
        <p className="page-url-inert" title="Not an http(s) address, so not a link">
          {textFragmentUrl}
        </p>
      )}
    </section>
  );
}
