import { defineContentScript } from 'wxt/utils/define-content-script';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { pickElement, type PickOutcome, type PickerView } from '@/lib/page/element-picker';
import { privacyCheck } from '@/lib/page/locators';
import { privacyStore, readPrivacySettings } from '@/lib/settings/privacy';
import pickerCss from './picker.css?inline';

// The element picker, injected on demand (`scripting.executeScript`, see `lib/capture/pin.ts`) and never
// listed in the manifest: nothing runs in a page before the user asks to pin. `main`'s answer is
// what executeScript answers.

const ACTIVE = Symbol.for('snag.picker');

/** A pick already running in this page (the user asked twice) gives way to the new one. */
function takeOver(): AbortController {
  const previous: unknown = Reflect.get(window, ACTIVE);
  if (previous instanceof AbortController) previous.abort();
  const controller = new AbortController();
  Reflect.set(window, ACTIVE, controller);
  return controller;
}

export default defineContentScript({
  registration: 'runtime',
  async main(ctx): Promise<PickOutcome> {
    const controller = takeOver();
    const privacy = await readPrivacySettings(privacyStore).catch(() => null);
    const isPrivate = privacyCheck(privacy?.ok ? privacy.value.privateSelectors : []);

    let view: PickerView | undefined;
    const ui = await createShadowRootUi(ctx, {
      name: 'snag-element-picker',
      mode: 'closed',
      position: 'modal',
      zIndex: 2147483647,
      css: pickerCss,
      // Keys typed while picking are the picker's, not the page's.
      isolateEvents: true,
      onMount(container, _shadow, host) {
        const surface = document.createElement('div');
        surface.className = 'surface';
        surface.tabIndex = -1;
        surface.setAttribute('role', 'application');
        surface.setAttribute('aria-label', 'Snag element picker');
        const highlight = document.createElement('div');
        highlight.className = 'highlight';
        highlight.hidden = true;
        const bar = document.createElement('div');
        bar.className = 'bar';
        const label = document.createElement('div');
        label.className = 'label';
        label.setAttribute('role', 'status');
        const keys = document.createElement('div');
        keys.className = 'keys';
        keys.textContent = 'Click or Enter pins it · ↑ ↓ parent / child · Esc cancels';
        bar.append(label, keys);
        surface.append(highlight, bar);
        container.append(surface);
        view = { surface, highlight, label, host, remove: () => ui.remove() };
      },
    });
    ui.mount();
    if (!view) return { cancelled: true, reason: 'escape' };
    const outcome = await pickElement(document, view, { isPrivate, signal: controller.signal });
    if (Reflect.get(window, ACTIVE) === controller) Reflect.deleteProperty(window, ACTIVE);
    return outcome;
  },
});
