import { afterEach, describe, expect, it } from 'vitest';
import { PairPage } from '../../../server/dashboard/src/account/PairPage';
import { apiError, fakeApi } from '../support/fake-api';
import { fakeSession } from '../support/fake-session';
import { button, click, control, mount, settle, textOf, type, type Rendered } from '../support/render';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
});

describe('PairPage', () => {
  it('takes the code however it is typed, confirms it, and names the device and the person', async () => {
    const api = fakeApi({ 'POST /pairings/confirm': { status: 200, body: { deviceName: 'Chrome on Linux' } } });
    view = await mount(<PairPage session={fakeSession('member', api.fetch, 'Mia Member')} />);
    expect(document.activeElement?.textContent).toBe('Connect the extension');

    const input = control(view.container, 'Code shown by the extension') as HTMLInputElement;
    await type(input, 'bcdf ghjk');
    expect(input.value).toBe('BCDF GHJK');
    await click(button(view.container, 'Connect'));
    await settle();
    expect(api.seen[0]?.body).toEqual({ userCode: 'BCDFGHJK' });
    expect(textOf(view.container, '[role=status]')).toEqual(['Snag on Chrome on Linux is connected as Mia Member.']);
  });

  it('refuses what cannot be a code before asking the server', async () => {
    const api = fakeApi({});
    view = await mount(<PairPage session={fakeSession('member', api.fetch)} />);
    await type(control(view.container, 'Code shown by the extension') as HTMLInputElement, 'ABC-1234');
    await click(button(view.container, 'Connect'));
    expect(api.seen).toHaveLength(0);
    expect(textOf(view.container, '.acct-field-error')).toEqual(['Type the 8-letter code the extension shows, like BCDF-GHJK.']);
  });

  it('says when no extension waits with that code', async () => {
    const api = fakeApi({
      'POST /pairings/confirm': apiError(404, 'not_found', 'userCode: unknown', [{ path: 'userCode', message: 'unknown' }]),
    });
    view = await mount(<PairPage session={fakeSession('member', api.fetch)} />);
    await type(control(view.container, 'Code shown by the extension') as HTMLInputElement, 'BCDF-GHJK');
    await click(button(view.container, 'Connect'));
    await settle();
    expect(textOf(view.container, '[role=alert]')[0]).toMatch(/^No extension is waiting with that code/);
  });

  it('denies a code', async () => {
    const api = fakeApi({ 'POST /pairings/deny': { status: 204 } });
    view = await mount(<PairPage session={fakeSession('member', api.fetch)} />);
    await type(control(view.container, 'Code shown by the extension') as HTMLInputElement, 'BCDFGHJK');
    await click(button(view.container, 'Deny'));
    await settle();
    expect(api.seen[0]).toMatchObject({ method: 'POST', path: '/pairings/deny', body: { userCode: 'BCDFGHJK' } });
    expect(textOf(view.container, '[role=status]')).toEqual(['Denied: that extension was not connected.']);
  });
});
