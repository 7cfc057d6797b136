import { defineContentScript } from 'wxt/utils/define-content-script';
import { injectScript } from 'wxt/utils/inject-script';

// Firefox (Manifest V2) cannot register a script in the page's world, so this content script,
// registered at run time for the sites where the user turned diagnostics on, puts the collector
// there as a <script> (which is why `diagnostics-main.js` is a web-accessible resource in Firefox).
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_start',
  async main() {
    await injectScript('/diagnostics-main.js', { keepInDom: false });
  },
});
