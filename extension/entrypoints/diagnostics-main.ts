import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { installDiagnosticsCollector } from '@/lib/page/diagnostics-collector';

// Runs in the page's own world, only on sites where the user turned diagnostics on: registered for
// those origins in Chrome (`world: 'MAIN'`), injected by `diagnostics-bridge.content` in Firefox.
// Nothing here may use extension APIs: the page's world has none.
export default defineUnlistedScript(() => {
  installDiagnosticsCollector(window);
});
