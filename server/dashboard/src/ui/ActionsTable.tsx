import type { ReactNode } from 'react';

/**
 * The account pages' table of things with a button or two per row: a caption for screen readers,
 * the column headings, then the column of row buttons (named for screen readers only).
 */
export function ActionsTable({ caption, columns, children }: { caption: string; columns: readonly string[]; children: ReactNode }) {
  return (
    <div className="acct-table-wrap">
      <table className="acct-table">
        <caption className="acct-sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span className="acct-sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
