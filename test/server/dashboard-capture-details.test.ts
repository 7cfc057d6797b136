import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { capture, type Capture } from '#shared/capture';
import { ClassificationBadges } from '../../server/dashboard/src/ui/ClassificationBadges';
import { DiagnosticsSection } from '../../server/dashboard/src/detail/DiagnosticsSection';
import { ElementLocatorTable } from '../../server/dashboard/src/detail/ElementLocatorTable';
import { EnvironmentTable } from '../../server/dashboard/src/detail/EnvironmentTable';
import { QuoteSection } from '../../server/dashboard/src/detail/QuoteSection';
import { detailedCaptureFields, detailedClipFields, sampleCaptureInput } from './helpers';

/** A capture as the API answers it, from the test fixtures plus `overrides`. */
function stored(overrides: Partial<Capture> = {}): Capture {
  const { tags, comment, annotations, ...input } = sampleCaptureInput({ ...detailedCaptureFields(), ...detailedClipFields() });
  return capture.parse({
    ...input,
    comment: comment ?? '',
    tags: tags ?? [],
    annotations: annotations ?? [],
    reporter: { id: 'u1', name: 'Admin' },
    receivedAt: '2026-11-22T13:00:01.000Z',
    screenshot: null,
    ...overrides,
  });
}

const html = (element: Parameters<typeof renderToStaticMarkup>[0]) => renderToStaticMarkup(element);

describe('dashboard: what reporters said and what the extension found', () => {
  it('shows category, severity, customer and flow on one line', () => {
    const markup = html(createElement(ClassificationBadges, { capture: stored() }));
    expect(markup).toContain('Bug');
    expect(markup).toContain('High');
    expect(markup).toContain('Globex Corporation');
    expect(markup).toContain('Onboarding › Invite teammates');
    expect(html(createElement(ClassificationBadges, { capture: stored({ category: undefined, severity: undefined, customer: undefined, flow: undefined }) }))).toBe('');
  });

  it('links the quote to its place on the page only for http(s), and shows page text as text', () => {
    const linked = html(createElement(QuoteSection, { capture: { ...stored(), quote: '<b>Export</b>' } }));
    expect(linked).toContain('href="https://shop.example.com/checkout?step=2#:~:text=The%20export%20button%20stays%20disabled"');
    expect(linked).toContain('rel="noopener noreferrer"');
    expect(linked).toContain('&lt;b&gt;Export&lt;/b&gt;');
    expect(linked).not.toContain('<b>Export</b>');
    expect(linked).toContain('Account 8812 — ');

    const scripted = html(createElement(QuoteSection, { capture: { ...stored({ textFragmentUrl: 'javascript:alert(1)' }), quote: 'q' } }));
    expect(scripted).not.toContain('href=');
    expect(scripted).toContain('javascript:alert(1)');
  });

  it('lists every locator of a pinned element', () => {
    const element = stored().element;
    if (!element) throw new Error('fixture has no element');
    const markup = html(createElement(ElementLocatorTable, { element: { ...element, text: '<img src=x onerror=alert(1)>' }, labelledBy: 'x' }));
    for (const text of ['[data-testid=&quot;export&quot;]', '/html/body/main/section[1]/button', 'iframe#app', 'Export invoices', '120 × 36 at (24, 1511)']) {
      expect(markup).toContain(text);
    }
    expect(markup).not.toContain('<img');
  });

  it('shows console errors and failed requests as text', () => {
    const diagnostics = stored().diagnostics;
    if (!diagnostics) throw new Error('fixture has no diagnostics');
    const markup = html(
      createElement(DiagnosticsSection, {
        diagnostics: { ...diagnostics, consoleErrors: [{ at: '2026-11-22T12:59:58.000Z', message: '<script>alert(1)</script>' }] },
      }),
    );
    expect(markup).toContain('Console errors (1)');
    expect(markup).toContain('&lt;script&gt;');
    expect(markup).toContain('Failed requests (2)');
    expect(markup).toContain('No answer');
    expect(markup).toContain('https://app.example.com/api/export');
  });

  it('reports the zoom with the environment', () => {
    expect(html(createElement(EnvironmentTable, { environment: stored().environment, labelledBy: 'x' }))).toContain('125 %');
  });
});
