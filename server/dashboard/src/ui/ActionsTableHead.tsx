/** A table's column headings, then the column of row buttons, named for screen readers only. */
export function ActionsTableHead({ columns }: { columns: readonly string[] }) {
  return (
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
  );
}
