import { useId } from 'react';
import { HOTSPOT_GROUPS, type HotspotGroup, type InsightsApi } from './api';
import { feedLink } from './links';
import { type Hotspot, HOTSPOT_DEFAULT_GROUP_BY, TREND_WORDS } from '#shared/insights';
import { describeRange, type DateRange } from './range';
import { Sparkline } from './Sparkline';
import { LoadProblem } from './LoadProblem';
import { shownData, useLoadKeepingPrevious } from '../ui/use-load-keeping-previous';

const GROUP_LABELS: Readonly<Record<HotspotGroup, string>> = { route: 'Page', element: 'Element', tag: 'Tag' };

/** The groupings asked for in the URL (`groupBy=route,tag`); the page alone (what a hot spot is everywhere) when none is. */
export function groupsFromParams(params: URLSearchParams): HotspotGroup[] {
  const asked = new Set(params.getAll('groupBy').flatMap((raw) => raw.split(',')));
  const groups = HOTSPOT_GROUPS.filter((group) => asked.has(group));
  return groups.length > 0 ? groups : [...HOTSPOT_DEFAULT_GROUP_BY];
}

/** The feed filter that lists a hot spot's captures: its page, and its element and tag when grouped by them. */
export function hotspotFilter(hotspot: Hotspot): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  if (hotspot.route !== null) changes.route = hotspot.route;
  if (hotspot.element !== null) changes.element = hotspot.element.key;
  if (hotspot.tag !== null) changes.tag = hotspot.tag;
  return changes;
}

/** The first column's text: the page, or what else the hot spot is when not grouped by page. */
function hotspotName(hotspot: Hotspot): string {
  if (hotspot.route !== null) return hotspot.route;
  if (hotspot.element !== null) return hotspot.element.label;
  return hotspot.tag ?? 'Untagged';
}

interface HotspotsTabProps {
  api: InsightsApi;
  params: URLSearchParams;
  range: DateRange;
  navigate: (params: URLSearchParams) => void;
}

/** Where captures pile up: normalised page, pinned element and tag, by number of captures. */
export function HotspotsTab({ api, params, range, navigate }: HotspotsTabProps) {
  const groups = groupsFromParams(params);
  const key = JSON.stringify([params.toString(), range, groups]);
  const { state, retry } = useLoadKeepingPrevious(key, (signal) => api.hotspots(params, range, { groupBy: groups }, signal));
  const data = shownData(state);
  const captionId = useId();

  function toggleGroup(group: HotspotGroup, on: boolean) {
    const next = new URLSearchParams(params);
    const chosen = HOTSPOT_GROUPS.filter((candidate) => (candidate === group ? on : groups.includes(candidate)));
    next.delete('groupBy');
    // The page alone is the default: keep the URL short.
    const isDefault = chosen.join(',') === HOTSPOT_DEFAULT_GROUP_BY.join(',');
    if (chosen.length > 0 && !isDefault) next.set('groupBy', chosen.join(','));
    navigate(next);
  }

  return (
    <section className="insights-panel" aria-labelledby="hotspots-title" aria-busy={state.status === 'loading'}>
      <h2 id="hotspots-title">Hot spots</h2>
      <fieldset className="group-by">
        <legend>Group captures by (a hot spot is a page; add element or tag to split it)</legend>
        {HOTSPOT_GROUPS.map((group) => (
          <label key={group}>
            <input
              type="checkbox"
              checked={groups.includes(group)}
              // At least one grouping: unticking the last one would mean nothing to count by.
              disabled={groups.length === 1 && groups[0] === group}
              onChange={(event) => toggleGroup(group, event.currentTarget.checked)}
            />
            {GROUP_LABELS[group]}
          </label>
        ))}
      </fieldset>

      {state.status === 'error' && <LoadProblem message={state.message} onRetry={retry} />}
      {state.status === 'loading' && data === null && (
        <p className="muted" role="status">
          Loading hot spots…
        </p>
      )}
      {data !== null && data.hotspots.length === 0 && (
        <div className="empty-state">
          <h3>No captures in this range</h3>
          <p>Hot spots appear once captures match these filters between {describeRange(range)}.</p>
        </div>
      )}
      {data !== null && data.hotspots.length > 0 && (
        <div className="insights-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="hotspots">
            <caption id={captionId}>
              Hot spots, {describeRange(range)}, most captures first. Trend per {data.bucket}.
            </caption>
            <thead>
              <tr>
                <th scope="col">{groups.includes('route') ? 'Page' : 'Hot spot'}</th>
                {groups.includes('element') && <th scope="col">Element</th>}
                {groups.includes('tag') && <th scope="col">Tag</th>}
                <th scope="col" className="number">
                  Captures
                </th>
                <th scope="col" className="number">
                  Customers
                </th>
                <th scope="col" className="number">
                  Reporters
                </th>
                <th scope="col">Trend</th>
                <th scope="col">Latest comment</th>
              </tr>
            </thead>
            <tbody>
              {data.hotspots.map((hotspot) => (
                <tr key={`${hotspot.route ?? ''}\u0000${hotspot.element?.key ?? ''}\u0000${hotspot.tag ?? ''}`}>
                  <th scope="row" className="hotspot-route">
                    <a href={feedLink(params, range, hotspotFilter(hotspot))}>{hotspotName(hotspot)}</a>
                  </th>
                  {groups.includes('element') && (
                    <td className="hotspot-element">
                      {hotspot.element ? <code title={hotspot.element.key}>{hotspot.element.label}</code> : <span className="muted">—</span>}
                    </td>
                  )}
                  {groups.includes('tag') && <td>{hotspot.tag ?? <span className="muted">—</span>}</td>}
                  <td className="number">{hotspot.count}</td>
                  <td className="number">{hotspot.customers}</td>
                  <td className="number">{hotspot.reporters}</td>
                  <td className="hotspot-trend">
                    <Sparkline counts={hotspot.trend} unit={data.bucket} direction={hotspot.direction} />
                    <span className={`trend-word trend-${hotspot.direction}`}>{TREND_WORDS[hotspot.direction]}</span>
                  </td>
                  <td className="hotspot-comment">
                    <a href={`#/captures/${encodeURIComponent(hotspot.latestCaptureId)}`}>
                      {hotspot.latestComment.trim() === '' ? 'Latest capture (no comment)' : hotspot.latestComment}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
