import { describe, expect, it } from 'vitest';
import { filterQuery, activeFilters, withoutFilter, withoutFilters } from '../../../server/dashboard/src/insights/filters';
import { feedLink, insightsHref, reportsHref } from '../../../server/dashboard/src/insights/links';
import { checkRange, presetRange, rangeFromParams, withRange } from '../../../server/dashboard/src/insights/range';
import { describeTrend } from '../../../server/dashboard/src/insights/Sparkline';

const NOW = new Date('2026-11-22T23:30:00Z');

describe('insights date range', () => {
  it('counts presets in whole UTC days, today included', () => {
    expect(presetRange(7, NOW)).toEqual({ from: '2026-11-16', to: '2026-11-22' });
    expect(presetRange(90, NOW)).toEqual({ from: '2026-08-25', to: '2026-11-22' });
  });

  it('reads the range from the URL, falling back to the last 30 days', () => {
    expect(rangeFromParams(new URLSearchParams(), NOW)).toEqual({ range: { from: '2026-10-24', to: '2026-11-22' }, choice: 30 });
    expect(rangeFromParams(new URLSearchParams('from=2026-08-25&to=2026-11-22'), NOW).choice).toBe(90);
    expect(rangeFromParams(new URLSearchParams('from=2026-11-01'), NOW)).toEqual({
      range: { from: '2026-11-01', to: '2026-11-22' },
      choice: 'custom',
    });
    // Not a date: ignored rather than sent to the server.
    expect(rangeFromParams(new URLSearchParams('from=yesterday&to=2026-02-30'), NOW).range).toEqual({ from: '2026-10-24', to: '2026-11-22' });
    expect(rangeFromParams(new URLSearchParams('from=2026-11-01T10:00:00Z'), NOW).range.from).toBe('2026-11-01T10:00:00Z');
  });

  it('checks a custom range', () => {
    expect(checkRange({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
    expect(checkRange({ from: '', to: '2026-11-01' })).toBe('Enter the first day as a date.');
    expect(checkRange({ from: '2026-11-02', to: '2026-11-01' })).toBe('The first day must not be after the last day.');
  });

  it('sets the range without touching the other parameters', () => {
    expect(withRange(new URLSearchParams('tag=a&from=x'), { from: '2026-11-01', to: '2026-11-02' }).toString()).toBe(
      'tag=a&from=2026-11-01&to=2026-11-02',
    );
  });
});

describe('insights filters and links', () => {
  it('sends only feed-filter parameters to the API', () => {
    expect(filterQuery(new URLSearchParams('tag=a&tag=b&groupBy=tag&sort=oldest&q=x&cursor=c&bucket=week')).toString()).toBe('tag=a&tag=b&q=x');
  });

  it('lists list filters value by value, single ones whole', () => {
    const params = new URLSearchParams('tag=a,b&q=red, green&includeMerged=false');
    expect(activeFilters(params).map((filter) => `${filter.label}=${filter.value}`)).toEqual(['Tag=a', 'Tag=b', 'Search=red, green']);
    expect(withoutFilter(params, { key: 'tag', label: 'Tag', value: 'a' }).getAll('tag')).toEqual(['b']);
    expect(withoutFilters(new URLSearchParams('tag=a&from=2026-11-01&groupBy=tag')).toString()).toBe('from=2026-11-01&groupBy=tag');
  });

  it('builds feed links from the filter and range only', () => {
    const href = feedLink(new URLSearchParams('tag=a&groupBy=tag&cursor=x&from=2026-01-01'), { from: '2026-11-01', to: '2026-11-07' }, { route: 'a.example/x' });
    expect(href).toBe('#/?tag=a&route=a.example%2Fx&from=2026-11-01&to=2026-11-07');
    expect(insightsHref('hotspots', new URLSearchParams())).toBe('#/insights');
    expect(insightsHref('charts', new URLSearchParams('tag=a'))).toBe('#/insights/charts?tag=a');
    expect(reportsHref(new URLSearchParams('tag=a'))).toBe('#/reports?tag=a');
  });
});

describe('sparkline text', () => {
  it('says which way the trend goes, in the word the server chose', () => {
    expect(describeTrend([], 'week', 'steady')).toBe('No trend data');
    expect(describeTrend([0, 2, 1], 'week', 'new')).toBe('Trend new over 3 weeks: peak 2, last week 1');
    expect(describeTrend([5, 1, 0, 0], 'day', 'falling')).toBe('Trend falling over 4 days: peak 5, last day 0');
  });
});
