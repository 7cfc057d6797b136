import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { createBackgroundServices } from '@/lib/background-services';
import { handleMessagesInBackground } from '@/lib/messages';

// Wiring only. Listeners are added synchronously on every start (an MV3 service worker is stopped
// when idle and started again for the next event); all state lives in storage and IndexedDB. Every
// service settles: it handles its own failure, so no listener leaves a rejected promise behind.
export default defineBackground(() => {
  const services = createBackgroundServices(browser);

  handleMessagesInBackground(services.handlers);
  browser.runtime.onInstalled.addListener(services.setUp);
  browser.runtime.onStartup.addListener(services.setUp);
  browser.alarms.onAlarm.addListener(services.onAlarm);
  browser.storage.onChanged.addListener(services.onStorageChanged);
  browser.commands.onCommand.addListener(services.onCommand);
  browser.contextMenus.onClicked.addListener(services.onMenuClicked);
  // Only heard while the background is awake; the sync alarm covers the rest.
  globalThis.addEventListener('online', services.sync);
});
