import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';
import { installDiagnosticsCollector, REQUEST_EVENT, RESPONSE_EVENT } from '@/lib/diagnostics-collector';

// Firefox (Manifest V2) cannot register a script in the page's world, so this content script,
// registered at run time for the sites where the user turned diagnostics on, puts the collector
// there itself, at document start.

/** Does a collector answer in the page? Its world is not ours, but events cross. */
function collectorAnswers(): boolean {
  let answered = false;
  const listener = () => {
    answered = true;
  };
  window.addEventListener(RESPONSE_EVENT, listener);
  window.dispatchEvent(new CustomEvent(REQUEST_EVENT));
  window.removeEventListener(RESPONSE_EVENT, listener);
  return answered;
}

export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  async main() {
    // Inline, it runs at once: before the page's own scripts, so their first errors are kept too.
    const script = document.createElement('script');
    script.textContent = `(${installDiagnosticsCollector.toString()})(window);`;
    (document.head ?? document.documentElement).append(script);
    script.remove();
    // A page whose CSP forbids inline scripts gets the packaged file instead, a moment later
    // (which is why `diagnostics-main.js` is a web-accessible resource in Firefox).
    if (!collectorAnswers()) await injectScript('/diagnostics-main.js', { keepInDom: false });
  },
});
