import { defineContentScript } from 'wxt/utils/define-content-script';
import { findVisibleData } from '@/lib/page/visible-data';

// Injected on demand by a capture (`scripting.executeScript`, see lib/capture/tab-access.ts), never listed in the
// manifest; `main`'s answer is what executeScript answers.
export default defineContentScript({
  registration: 'runtime',
  main: () => findVisibleData(document),
});
