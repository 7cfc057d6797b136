import type { CssBox, ElementLocator } from '#shared/capture';

interface Row {
  label: string;
  value: string;
  /** Selectors and paths: shown as code, to copy. */
  code?: boolean;
}

const box = ({ x, y, width, height }: CssBox) =>
  `${Math.round(width)} × ${Math.round(height)} at (${Math.round(x)}, ${Math.round(y)})`;

function locatorRows(element: ElementLocator): Row[] {
  const rows: Row[] = [
    { label: 'CSS selector', value: element.selector, code: true },
    { label: 'XPath', value: element.xpath, code: true },
  ];
  if (element.framePath?.length) rows.push({ label: 'In frame', value: element.framePath.join(' › '), code: true });
  if (element.shadowPath?.length) rows.push({ label: 'In shadow root of', value: element.shadowPath.join(' › '), code: true });
  rows.push({ label: 'Element', value: `<${element.tagName}>`, code: true });
  if (element.role) rows.push({ label: 'Role', value: element.role });
  if (element.name) rows.push({ label: 'Accessible name', value: element.name });
  if (element.text) rows.push({ label: 'Text', value: element.text });
  rows.push({ label: 'Box in viewport', value: box(element.viewportBox) }, { label: 'Box in page', value: box(element.documentBox) });
  return rows;
}

/** How to find the pinned element again: every locator the extension recorded, as text to copy. */
export function ElementLocatorTable({ element, labelledBy }: { element: ElementLocator; labelledBy: string }) {
  return (
    <table className="facts" aria-labelledby={labelledBy}>
      <tbody>
        {locatorRows(element).map(({ label, value, code }) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{code ? <code>{value}</code> : value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
