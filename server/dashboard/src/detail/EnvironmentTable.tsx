import type { Environment } from '#shared/environment';

/** Where the capture was made, as a two-column table QA can read off to reproduce it. */
export function EnvironmentTable({ environment, labelledBy }: { environment: Environment; labelledBy: string }) {
  const rows: Array<[string, string]> = [
    ['Browser', `${environment.browser.name} ${environment.browser.version}`.trim()],
    ['Operating system', environment.os || 'Unknown'],
    ['Viewport', `${environment.viewport.width} × ${environment.viewport.height}`],
    ['Device pixel ratio', String(environment.devicePixelRatio)],
    ['Zoom', environment.zoom === undefined ? 'Not reported' : `${Math.round(environment.zoom * 100)} %`],
    ['Language', environment.language || 'Unknown'],
    ['Time zone', environment.timeZone ?? 'Not reported'],
    ['Extension version', environment.extensionVersion ?? 'Not reported'],
  ];
  return (
    <table className="facts" aria-labelledby={labelledBy}>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row">{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
