import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '#shared/roles';
import { SavedViews } from '../../../server/dashboard/src/feed/SavedViews';
import { fakeApi } from '../support/fake-api';
import { harness, noFilters } from '../support/feed-harness';
import { button, click, mount, type Rendered } from '../support/render';

let view: Rendered | undefined;
afterEach(async () => {
  await view?.unmount();
  view = undefined;
  document.body.innerHTML = '';
});

async function openSaveForm(role: Role): Promise<HTMLElement> {
  const api = fakeApi({ 'GET /views': { status: 200, body: { views: [] } } });
  const page = harness(role, api.fetch);
  view = await mount(<page.Frame>{() => <SavedViews api={page.api} session={page.session} filters={noFilters} />}</page.Frame>);
  await click(button(view.container, 'Save this view'));
  return view.container;
}

describe('Save this view', () => {
  it('offers sharing with everyone to teammates', async () => {
    const form = await openSaveForm('member');
    expect(form.textContent).toContain('Share with everyone');
  });

  it('does not offer sharing to a guest, whose views stay their own', async () => {
    const form = await openSaveForm('guest');
    expect(form.querySelector('form.save-view')).not.toBeNull();
    expect(form.textContent).not.toContain('Share with everyone');
  });
});
