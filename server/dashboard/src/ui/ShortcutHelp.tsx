import { Fragment } from 'react';
import { SHORTCUT_GROUPS, type Shortcut } from './triage/keyboard';

function Keys({ shortcut }: { shortcut: Shortcut }) {
  const joiner = shortcut.sequence ? ' then ' : ' + ';
  return (
    <>
      {shortcut.keys.map((key, index) => (
        <Fragment key={key}>
          {index > 0 && <span className="muted">{joiner}</span>}
          <kbd>{key}</kbd>
        </Fragment>
      ))}
    </>
  );
}

/** The `?` dialog's content: every shortcut, grouped. */
export function ShortcutHelp() {
  return (
    <div className="shortcut-help">
      {SHORTCUT_GROUPS.map((group) => (
        <section key={group.title} aria-label={group.title}>
          <h3>{group.title}</h3>
          <table className="facts">
            <tbody>
              {group.shortcuts.map((shortcut) => (
                <tr key={shortcut.keys.join(' ')}>
                  <th scope="row">
                    <Keys shortcut={shortcut} />
                  </th>
                  <td>{shortcut.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
