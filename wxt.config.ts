import { defineConfig } from 'wxt';
import { CHROME_EXTENSION_KEY } from './shared/extension-identity';

// The end-to-end build. Browser automation cannot click the toolbar button, so it can never grant
// `activeTab`; that build asks for access to every site instead, and goes to its own folder so it
// is never mistaken for (or shipped as) the real extension.
const e2e = process.env.SNAG_E2E === '1';

export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Every module imports what it uses, so reading a file tells you where things come from.
  imports: false,
  ...(e2e ? { outDir: '.output/e2e' } : {}),
  manifest: ({ browser }) => ({
    name: 'Snag',
    description:
      'Capture product feedback in context (annotated screenshots, text clips) and send it to your Snag server.',
    // No host permissions: captures use `activeTab`, and the Snag server answers CORS for extension
    // origins, so the background can reach it without access to any site. `unlimitedStorage` lifts
    // the quota on the outbox (screenshots wait there while offline) and, in Firefox, also makes
    // it persistent; it shows no install warning.
    permissions: ['storage', 'unlimitedStorage', 'activeTab', 'scripting', 'contextMenus', 'alarms'],
    ...(e2e ? { host_permissions: ['<all_urls>'] } : {}),
    action: { default_title: 'Snag' },
    commands: {
      'capture-screen': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Capture this screen',
      },
      'pin-element': {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Pin an element of this page',
      },
      'clip-selection': {
        suggested_key: { default: 'Alt+Shift+C' },
        description: 'Clip the selected text',
      },
      // Chrome takes at most four suggested keys; people can set one in the browser's shortcut settings.
      'capture-full-page': { description: 'Capture this whole page' },
    },
    // Asked for one site at a time, when the user turns on console and network diagnostics there
    // (Options). Firefox's Manifest V2 lists origins among its optional permissions.
    ...(browser === 'firefox'
      ? // Firefox (Manifest V2) registers no script in the page's world: a content script puts the
        // collector there inline. No file is web-accessible, so no page can load the collector itself.
        { optional_permissions: ['http://*/*', 'https://*/*'] }
      : { optional_host_permissions: ['http://*/*', 'https://*/*'] }),
    // Chrome: the public key fixes the extension's ID (CHROME_EXTENSION_ID) for every unpacked build,
    // so the server's CORS can allow exactly that origin. Firefox: a fixed add-on id instead.
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'snag@snag.invalid' } } }
      : { key: CHROME_EXTENSION_KEY }),
  }),
});
