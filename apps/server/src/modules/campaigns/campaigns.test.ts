import { SEED_000_TEMPLATE } from '@casearena/contract';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';

let t: TestApp;
let organizer: { id: string; name: string };
let staff: Client;
let staffId: string;
beforeAll(async () => {
  t = await startTestApp();
  organizer = await buildOrganization(t, { name: '健康界', kind: 'media', level: null, grade: null, regionCode: '110105' });
  const s = await signedInAs(t, 'staff');
  staff = s.client;
  staffId = s.user.id;
});
afterAll(() => t.close());

const create = () => staff.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });

describe('X-1 campaigns from ready templates', () => {
  it('S0-3 creates the seed-000 campaign as a draft with its ten themes and directions verbatim', async () => {
    const res = await create();
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      title: '第七季改善医疗服务行动全国医院擂台赛',
      status: 'draft',
      organizer: { name: '健康界' },
      templateKey: 'seed-000',
    });
    expect(c.themes.map((th: { code: string; title: string; directions: string }) => [th.code, th.title, th.directions])).toEqual(
      SEED_000_TEMPLATE.themes.map((th) => [th.code, th.title, th.directions]),
    );
    expect(c.attachments.map((a: { key: string; maxBytes: number }) => [a.key, a.maxBytes])).toEqual([
      ['ppt', 30 * 1024 * 1024],
      ['video', 700 * 1024 * 1024],
    ]);
    const [event] = await t.app.ctx.db.select().from(auditEvents).where(eq(auditEvents.subjectId, c.id));
    expect([event?.kind, event?.actorId, event?.campaignId]).toEqual(['campaign.created', staffId, c.id]);
  });

  it('S0-7 X-2 phases run from 00:00 of the first to the end of the last day, Asia/Shanghai', async () => {
    const c = (await create()).json();
    expect(c.phases[0]).toEqual({
      key: 'submission',
      label: '案例申报',
      startsAt: '2021-11-30T16:00:00.000Z',
      endsAt: '2022-03-15T15:59:59.999Z',
      capabilities: ['canSubmit', 'canScreen'],
    });
    expect(c.phases.map((p: { key: string }) => p.key)).toEqual(['submission', 'voting', 'preliminary', 'final']);
  });

  it('names the phase running now from the injected clock', async () => {
    const c = (await staff.post(`/api/campaigns/${(await create()).json().id}/publish`)).json();
    t.clock.set('2022-03-15T15:59:59.000Z'); // 23:59:59 on the last day of submission, Shanghai
    expect((await new Client(t.app).get(`/api/campaigns/${c.id}`)).json().currentPhase).toBe('submission');
    t.clock.set('2022-03-15T16:00:00.000Z'); // 00:00 on 16 March: voting
    expect((await new Client(t.app).get(`/api/campaigns/${c.id}`)).json().currentPhase).toBe('voting');
    t.clock.set('2022-05-01T02:00:00.000Z'); // between the preliminary review and the final
    expect((await new Client(t.app).get(`/api/campaigns/${c.id}`)).json().currentPhase).toBeNull();
  });

  it('drafts are invisible to the public; published campaigns are listed; one writer per status', async () => {
    const draft = (await create()).json();
    const anon = new Client(t.app);
    expect((await anon.get(`/api/campaigns/${draft.id}`)).statusCode).toBe(404);
    expect((await anon.get('/api/campaigns')).json().items.map((c: { id: string }) => c.id)).not.toContain(draft.id);
    const published = await staff.post(`/api/campaigns/${draft.id}/publish`);
    expect(published.json()).toMatchObject({ status: 'published', publishedAt: expect.any(String) });
    expect((await anon.get(`/api/campaigns/${draft.id}`)).json().status).toBe('published');
    expect((await anon.get('/api/campaigns')).json().items.map((c: { id: string }) => c.id)).toContain(draft.id);
    const again = await staff.post(`/api/campaigns/${draft.id}/publish`);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
    expect((await staff.post(`/api/campaigns/${draft.id}/close`)).json().status).toBe('closed');
    const events = await t.app.ctx.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.subjectId, draft.id))
      .orderBy(asc(auditEvents.seq));
    expect(events.map((e) => [e.kind, e.data])).toEqual([
      ['campaign.created', { templateKey: 'seed-000', organizerId: organizer.id }],
      ['campaign.published', { from: 'draft', to: 'published' }],
      ['campaign.closed', { from: 'published', to: 'closed' }],
    ]);
  });

  it('only platform staff set campaigns up; bad input is explained', async () => {
    const draft = (await create()).json();
    const { client: user } = await signedInAs(t, 'user');
    const table = {
      anonymous: [
        await new Client(t.app).post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id }),
        await new Client(t.app).post(`/api/campaigns/${draft.id}/publish`),
      ],
      user: [
        await user.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id }),
        await user.post(`/api/campaigns/${draft.id}/publish`),
      ],
    };
    expect(table.anonymous.map((r) => r.statusCode)).toEqual([401, 401]);
    // Creating for an organizer one does not work for is forbidden; another organizer's draft does not exist for them.
    expect(table.user.map((r) => r.statusCode)).toEqual([403, 404]);
    expect((await user.get(`/api/campaigns/${draft.id}`)).statusCode).toBe(404);
    const bad = await staff.post('/api/campaigns', {
      templateKey: 'seed-999',
      organizerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(bad.json().error.fields).toEqual([{ path: 'templateKey', code: 'INVALID_CHOICE', message: '请选择有效的选项' }]);
    const noOrg = await staff.post('/api/campaigns', {
      templateKey: 'seed-000',
      organizerId: '00000000-0000-4000-8000-000000000000',
    });
    expect(noOrg.json().error.fields[0]).toMatchObject({ path: 'organizerId', code: 'INVALID_CHOICE' });
  });
});

describe('issue 8 item 11: the public list says where each call stands, by the server clock', () => {
  const submission = (start: string, end: string) => ({
    key: 'submission',
    label: '案例申报',
    start,
    end,
    capabilities: ['canSubmit', 'canScreen'],
  });
  const final = { key: 'final', label: '现场总决赛', start: '2027-01-10', end: '2027-01-10', capabilities: ['live'] };
  const published = async (phases: object[]) => {
    const id = (await create()).json().id as string;
    expect((await staff.patch(`/api/campaigns/${id}`, { phases })).statusCode).toBe(200);
    expect((await staff.post(`/api/campaigns/${id}/publish`)).statusCode).toBe(200);
    return id;
  };

  it('X-2 S0-7 upcoming, running and finished flip at 00:00 and 23:59:59.999 Shanghai; the next deadline follows', async () => {
    const early = await published([submission('2026-12-01', '2026-12-20'), final]);
    const later = await published([submission('2026-12-21', '2027-01-31')]);
    const closed = await published([submission('2026-12-01', '2026-12-20'), final]);
    expect((await staff.post(`/api/campaigns/${closed}/close`)).statusCode).toBe(200);
    const anon = new Client(t.app);
    const stand = async (at: string) => {
      t.clock.set(at);
      const items: Array<Record<string, unknown> & { id: string; nextDeadline: { label: string; at: string } | null }> = (
        await anon.get('/api/campaigns')
      ).json().items;
      return [early, later, closed].map((id) => {
        const c = items.find((i) => i.id === id);
        return [c?.stage, c?.currentPhaseLabel, c?.nextDeadline?.label ?? null, c?.nextDeadline?.at ?? null];
      });
    };
    // 23:59:59.999 on 30 November in Shanghai: nothing has opened yet; the closed call is finished whatever its dates.
    expect(await stand('2026-11-30T15:59:59.999Z')).toEqual([
      ['upcoming', null, '案例申报', '2026-12-20T15:59:59.999Z'],
      ['upcoming', null, '案例申报', '2027-01-31T15:59:59.999Z'],
      ['finished', null, null, null],
    ]);
    // 00:00 on 1 December: the first call's submission runs.
    expect(await stand('2026-11-30T16:00:00.000Z')).toEqual([
      ['running', '案例申报', '案例申报', '2026-12-20T15:59:59.999Z'],
      ['upcoming', null, '案例申报', '2027-01-31T15:59:59.999Z'],
      ['finished', null, null, null],
    ]);
    // 00:00 on 21 December: between the first call's phases it still runs, its next deadline is the final's day.
    expect(await stand('2026-12-20T16:00:00.000Z')).toEqual([
      ['running', null, '现场总决赛', '2027-01-10T15:59:59.999Z'],
      ['running', '案例申报', '案例申报', '2027-01-31T15:59:59.999Z'],
      ['finished', null, null, null],
    ]);
    // 00:00 on 11 January: the first call's last phase has ended.
    expect(await stand('2027-01-10T16:00:00.000Z')).toEqual([
      ['finished', null, null, null],
      ['running', '案例申报', '案例申报', '2027-01-31T15:59:59.999Z'],
      ['finished', null, null, null],
    ]);
    const page = (await anon.get(`/api/campaigns/${later}`)).json();
    expect([page.stage, page.opensAt, page.nextDeadline]).toEqual([
      'running',
      '2026-12-20T16:00:00.000Z',
      { phase: 'submission', label: '案例申报', at: '2027-01-31T15:59:59.999Z' },
    ]);
    expect((await anon.get(`/api/campaigns/${closed}`)).json().stage).toBe('finished');
  });
});
