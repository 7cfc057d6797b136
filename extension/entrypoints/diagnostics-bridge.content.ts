import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installDiagnosticsCollector } from '@/lib/page/diagnostics-collector';

// Registered at run time, at document start, for the sites where the user turned diagnostics on
// (see lib/settings/diagnostics-sites.ts). It marks, in this content-script world the page cannot reach, that
// Snag's collector is in the page from before its first script: only then do captures ask for it.
// Chrome registers the collector itself in the page's world; Firefox (Manifest V2) has this script
// put it there, inline, which runs at once.

/** The mark `readPageInfo` looks for. */
function markCollectorFromStart(): void {
  Object.defineProperty(globalThis, '__snagDiagnosticsFromStart', { value: true });
}

/** Firefox's view of the page's own `window` (its "Xray" waived); absent in Chrome. */
function pageWindow(): unknown {
  return (window as { wrappedJSObject?: unknown }).wrappedJSObject;
}

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  main() {
    if (browser.runtime.getManifest().manifest_version === 3) return markCollectorFromStart();
    const script = document.createElement('script');
    script.textContent = `(${installDiagnosticsCollector.toString()})(window);`;
    (document.head ?? document.documentElement).append(script);
    script.remove();
    // A page whose CSP forbids inline scripts keeps it out; a collector loaded later could come
    // after the page's scripts, which could then answer in its place: no diagnostics there.
    const page = pageWindow();
    const reader = typeof page === 'object' && page !== null ? Reflect.get(page, '__snagDiagnostics') : undefined;
    if (typeof reader === 'function') markCollectorFromStart();
  },
});
