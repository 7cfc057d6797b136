import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import type { HotspotsResponse, OnboardingResponse, TimelineResponse, TopResponse } from '#shared/insights';
import { ROLE_PERMISSIONS, type Role } from '#shared/roles';
import { createHttp } from '../../../server/dashboard/src/ui/http';
import type { Session } from '../../../server/dashboard/src/ui/session-types';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean | undefined;
}

/** 22 Nov 2026, midday UTC: "today" for every insights test. */
export const NOW = new Date('2026-11-22T12:00:00Z');
export const now = () => NOW;

export type Responder = (url: URL) => unknown;

/** A session whose transport answers from `routes` (by API path) and records every request. */
export function fakeSession(routes: Readonly<Record<string, Responder>>, role: Role = 'ops') {
  const requests: URL[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = new URL(String(input), 'http://snag.test');
    requests.push(url);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const respond = routes[path];
    if (respond === undefined) {
      return new Response(JSON.stringify({ error: { code: 'not_found', message: 'no such route' } }), { status: 404 });
    }
    const body = respond(url);
    if (body instanceof Response) return body;
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
  const session: Session = {
    user: { id: 'u-ops', name: 'Olive Ops', email: 'olive@example.com', role },
    http: createHttp({ csrfToken: () => 'csrf', fetch: fetchImpl }),
    can: (permission) => ROLE_PERMISSIONS[role].includes(permission),
    signOut: async () => undefined,
  };
  return { session, requests };
}

/** Render into a fresh container; `rerender` and `cleanup` for the same root. */
export function mount() {
  globalThis.IS_REACT_ACT_ENVIRONMENT = true;
  const container = document.createElement('div');
  document.body.append(container);
  const root: Root = createRoot(container);
  return {
    container,
    render: (element: ReactNode) => act(async () => root.render(element)),
    cleanup: async () => {
      await act(async () => root.unmount());
      container.remove();
    },
  };
}

/** Let pending fetches and their state updates settle. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

export function hashParams(href: string | null): URLSearchParams {
  const raw = href ?? '';
  return new URLSearchParams(raw.includes('?') ? raw.slice(raw.indexOf('?') + 1) : '');
}

export function hashPath(href: string | null): string {
  const raw = (href ?? '').replace(/^#/, '');
  return raw.includes('?') ? raw.slice(0, raw.indexOf('?')) : raw;
}

export const HOTSPOTS: HotspotsResponse = {
  from: '2026-10-24T00:00:00.000Z',
  to: '2026-11-22T23:59:59.999Z',
  bucket: 'day',
  buckets: ['2026-11-20', '2026-11-21', '2026-11-22'],
  hotspots: [
    {
      route: 'app.example.com/accounts/:id/billing',
      element: { key: '[data-testid="pay"]', label: 'Pay now' },
      tag: 'checkout',
      count: 12,
      customers: 5,
      reporters: 3,
      trend: [2, 4, 6],
      direction: 'rising',
      latestCaptureId: '01937c2e-0000-7000-8000-000000000001',
      latestComment: '<img src=x onerror=window.__xss=1> pay button hidden',
    },
    {
      route: 'app.example.com/onboarding/bank',
      element: null,
      tag: null,
      count: 4,
      customers: 4,
      reporters: 1,
      trend: [3, 1, 0],
      direction: 'falling',
      latestCaptureId: '01937c2e-0000-7000-8000-000000000002',
      latestComment: '',
    },
  ],
};

export const ONBOARDING: OnboardingResponse = {
  from: '2026-10-24T00:00:00.000Z',
  to: '2026-11-22T23:59:59.999Z',
  flows: [
    {
      flow: 'Onboarding',
      captures: 60,
      customers: 25,
      worstStep: 'Connect bank',
      steps: [
        { step: 'Create account', count: 5, customers: 4, reporters: 2, severity: { low: 3, medium: 2, high: 0, critical: 0 } },
        { step: 'Connect bank', count: 41, customers: 17, reporters: 6, severity: { low: 0, medium: 10, high: 20, critical: 3 } },
        { step: 'Invite team', count: 14, customers: 9, reporters: 4, severity: { low: 5, medium: 5, high: 0, critical: 0 } },
      ],
    },
    {
      flow: 'Checkout',
      captures: 2,
      customers: 1,
      worstStep: null,
      steps: [],
    },
  ],
};

export function timeline(by: 'kind' | 'tag'): TimelineResponse {
  return {
    from: '2026-11-20T00:00:00.000Z',
    to: '2026-11-22T23:59:59.999Z',
    bucket: 'day',
    buckets: ['2026-11-20', '2026-11-21', '2026-11-22'],
    series:
      by === 'kind'
        ? [
            { key: 'screenshot', counts: [1, 2, 3] },
            { key: 'friction', counts: [5, 0, 1] },
          ]
        : [
            { key: 'checkout', counts: [0, 1, 1] },
            { key: 'other', counts: [2, 0, 0] },
          ],
  };
}

export function top(dimension: 'page' | 'customer' | 'reporter'): TopResponse {
  return {
    from: '2026-10-24T00:00:00.000Z',
    to: '2026-11-22T23:59:59.999Z',
    dimension,
    items:
      dimension === 'page'
        ? [
            { key: 'app.example.com/accounts/:id/billing', label: 'Billing – Example', count: 12, customers: 5 },
            { key: 'app.example.com/onboarding/bank', label: '', count: 4, customers: 4 },
          ]
        : [
            { key: 'globex', label: 'Globex', count: 9, customers: 1 },
            { key: 'initech', label: 'Initech', count: 3, customers: 1 },
          ],
  };
}

/** Every insights route, answered with the fixtures above. */
export const INSIGHT_ROUTES: Readonly<Record<string, Responder>> = {
  '/insights/hotspots': () => HOTSPOTS,
  '/insights/onboarding': () => ONBOARDING,
  '/insights/timeline': (url) => timeline(url.searchParams.get('by') === 'tag' ? 'tag' : 'kind'),
  '/insights/top': (url) => top(url.searchParams.get('dimension') === 'customer' ? 'customer' : 'page'),
};

/** Type into a React-controlled input (React listens to the native value setter plus an input event). */
export async function typeInto(input: Element | undefined | null, value: string): Promise<void> {
  if (!(input instanceof HTMLInputElement)) throw new Error('not an input');
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** The button whose text is exactly `text`. */
export function button(container: Element, text: string): HTMLButtonElement {
  const found = [...container.querySelectorAll('button')].find((candidate) => candidate.textContent === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}
