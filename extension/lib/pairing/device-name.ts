import { identifyBrowser, osName } from '../capture/environment';

/** "Chrome on Linux": how the dashboard lists this browser among someone's tokens. */
export async function deviceName(
  nav: Parameters<typeof identifyBrowser>[0],
  platformInfo: () => Promise<{ os: string }>,
): Promise<string> {
  const browser = await identifyBrowser(nav);
  // A name is a label, not worth failing a connection over.
  const os = await platformInfo().then(
    (info) => osName(info.os),
    () => null,
  );
  return (os === null ? browser.name : `${browser.name} on ${os}`).slice(0, 100);
}
