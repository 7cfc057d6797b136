import { describe, expect, it } from 'vitest';
import { apiError } from '#shared/api';
import { savedView, savedViewList } from '#shared/review';
import { useReviewApp } from './review-helpers';

describe('/api/v1/views', () => {
  const r = useReviewApp();

  it('saves a feed query, lists your own and the shared ones, and deletes your own', async () => {
    const created = await r.call('POST', '/views', r.ops, { name: 'Open checkout', query: '?status=new&tag=checkout', shared: true });
    expect(created.status).toBe(201);
    const shared = savedView.parse(await created.json());
    expect(shared).toMatchObject({ name: 'Open checkout', query: 'status=new&tag=checkout', shared: true, owner: { name: 'Olga Ops' } });
    const own = savedView.parse(await (await r.call('POST', '/views', r.member, { name: 'Mine', query: 'assignee=me' })).json());
    expect(own.shared).toBe(false);

    const list = async (who: typeof r.admin) => savedViewList.parse(await (await r.call('GET', '/views', who)).json()).views.map((view) => view.name);
    expect(await list(r.member)).toEqual(['Open checkout', 'Mine']);
    expect(await list(r.ops)).toEqual(['Open checkout']);
    // Shared views name customers and search terms of everyone's captures: not for guests.
    expect(await list(r.guest)).toEqual([]);

    expect((await r.call('DELETE', `/views/${shared.id}`, r.member)).status).toBe(403);
    expect((await r.call('DELETE', `/views/${own.id}`, r.ops)).status).toBe(404);
    expect((await r.call('DELETE', `/views/${own.id}`, r.member)).status).toBe(204);
    // Admins may remove anyone's.
    expect((await r.call('DELETE', `/views/${shared.id}`, r.admin)).status).toBe(204);
    expect(await list(r.member)).toEqual([]);
  });

  it('400 naming the field for a missing name, a long name, or a query that is not a feed query', async () => {
    const cases: Array<[unknown, string]> = [
      [{ name: '', query: '' }, 'name'],
      [{ name: 'x'.repeat(81), query: '' }, 'name'],
      [{ name: 'x', query: 'status=open' }, 'query'],
      [{ name: 'x', query: 'colour=red' }, 'query'],
      [{ name: 'x', query: 'q=' + 'a'.repeat(2000) }, 'query'],
    ];
    for (const [body, field] of cases) {
      const res = await r.call('POST', '/views', r.ops, body);
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(apiError.parse(await res.json()).error.issues?.[0]?.path).toBe(field);
    }
  });

  it('lets a guest keep views of their own but neither see nor publish shared ones', async () => {
    const shared = savedView.parse(
      await (await r.call('POST', '/views', r.ops, { name: 'Acme escalations', query: 'customer=Acme&q=refund', shared: true })).json(),
    );
    const refused = await r.call('POST', '/views', r.guest, { name: 'To everyone', query: '', shared: true });
    expect(refused.status).toBe(403);
    expect(apiError.parse(await refused.json()).error).toMatchObject({ code: 'forbidden', issues: [{ path: 'shared' }] });

    const own = await r.call('POST', '/views', r.guest, { name: 'My reports', query: 'status=new' });
    expect(own.status).toBe(201);
    const listed = savedViewList.parse(await (await r.call('GET', '/views', r.guest)).json()).views;
    expect(listed.map((view) => view.name)).toEqual(['My reports']);
    expect(JSON.stringify(listed)).not.toContain('Acme');
    // Not even a 403 that would tell the shared view exists.
    expect((await r.call('DELETE', `/views/${shared.id}`, r.guest)).status).toBe(404);
    const forMember = savedViewList.parse(await (await r.call('GET', '/views', r.member)).json()).views;
    expect(forMember.map((view) => view.name)).toEqual(['Acme escalations']);
  });
});
