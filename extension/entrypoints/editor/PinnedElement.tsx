import type { ElementLocator } from '#shared/capture';

/** The element the user pinned, as Snag will find it again: outlined on the screenshot, described here. */
export function PinnedElement({ element }: { element: ElementLocator }) {
  const described = element.name ?? element.text;
  return (
    <section className="pinned-element" aria-labelledby="pinned-heading">
      <h2 id="pinned-heading">Pinned element</h2>
      <p>
        <code>{`<${element.tagName}>`}</code>
        {element.role ? ` ${element.role}` : ''}
        {described ? ` “${described}”` : ''}
      </p>
      <p className="hint">
        Found by <code>{element.selector}</code>
        {element.framePath?.length ? ` in frame ${element.framePath.join(' › ')}` : ''}
        {element.shadowPath?.length ? ` inside ${element.shadowPath.join(' › ')}` : ''}. The outline on the screenshot
        marks it; you can move or remove it.
      </p>
    </section>
  );
}
