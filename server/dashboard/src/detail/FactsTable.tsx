import type { Capture } from '#shared/capture';
import { CATEGORY_LABELS, formatBytes, KIND_LABELS, SEVERITY_LABELS } from '../ui/format';
import { Timestamp } from '../ui/Timestamp';

/** What the reporter said and when, one fact per row. */
export function FactsTable({ capture }: { capture: Capture }) {
  return (
    <section aria-labelledby="detail-details">
      <h2 id="detail-details">Details</h2>
      <table className="facts" aria-labelledby="detail-details">
        <tbody>
          <tr>
            <th scope="row">Kind</th>
            <td>{KIND_LABELS[capture.kind]}</td>
          </tr>
          {capture.category !== undefined && (
            <tr>
              <th scope="row">Category</th>
              <td>{CATEGORY_LABELS[capture.category]}</td>
            </tr>
          )}
          {capture.severity !== undefined && (
            <tr>
              <th scope="row">Severity</th>
              <td>{SEVERITY_LABELS[capture.severity]}</td>
            </tr>
          )}
          {capture.customer !== undefined && (
            <tr>
              <th scope="row">Customer</th>
              <td>{capture.customer}</td>
            </tr>
          )}
          {capture.flow !== undefined && (
            <tr>
              <th scope="row">Flow</th>
              <td>{capture.flow.name}</td>
            </tr>
          )}
          {capture.flow?.step !== undefined && (
            <tr>
              <th scope="row">Step</th>
              <td>{capture.flow.step}</td>
            </tr>
          )}
          <tr>
            <th scope="row">Reporter</th>
            <td>{capture.reporter.name}</td>
          </tr>
          <tr>
            <th scope="row">Created</th>
            <td>
              <Timestamp iso={capture.createdAt} />
            </td>
          </tr>
          <tr>
            <th scope="row">Received</th>
            <td>
              <Timestamp iso={capture.receivedAt} />
            </td>
          </tr>
          {capture.screenshot && (
            <tr>
              <th scope="row">Screenshot</th>
              <td>
                {capture.screenshot.contentType}, {formatBytes(capture.screenshot.bytes)}
              </td>
            </tr>
          )}
          <tr>
            <th scope="row">Capture ID</th>
            <td>
              <code>{capture.id}</code>
            </td>
          </tr>
        </tbody>
      </table>
    </section>
  );
}
