import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('issue 8 item 12: organizers choose a template by its call and years and get dates from today', () => {
  it('X-1 the template is named by its call and years; its phases move so submission opens tomorrow, lengths kept', async () => {
    t.clock.set('2026-12-01T17:00:00.000Z'); // 2 December 01:00 in Shanghai (still 1 December in UTC)
    const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const res = (await manager.get('/api/campaign-templates')).json();
    expect(res.items.map((i: { name: string }) => i.name)).toEqual(['第七季改善医疗服务行动全国医院擂台赛（2021–2022）']);
    expect(res.items[0]).toMatchObject({
      key: 'seed-000',
      organizer: '健康界',
      years: '2021–2022',
      themes: 10,
      opensOn: '2026-12-03',
    });
    // The 2021–2022 call: submission 1 Dec – 15 Mar (105 days), voting 16–20 Mar, scoring 21 Mar – 30 Apr, final 27–28 May.
    expect(res.items[0].phases).toEqual([
      { key: 'submission', label: '案例申报', start: '2026-12-03', end: '2027-03-17' },
      { key: 'voting', label: '网络投票', start: '2027-03-18', end: '2027-03-22' },
      { key: 'preliminary', label: '专家初评', start: '2027-03-23', end: '2027-05-02' },
      { key: 'final', label: '全国总决赛', start: '2027-05-29', end: '2027-05-30' },
    ]);
    expect(res.organizers).toEqual([{ id: organizer.id, name: organizer.name }]);
    expect(res.abilities).toEqual({ createCampaign: true });
  });

  it('X-2 a call created with opensOn gets those dates as Shanghai instants; one opening yesterday is refused', async () => {
    t.clock.set('2026-12-01T17:00:00.000Z');
    const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
    const { client: manager } = await organizerMember(t, organizer.id, 'manager');
    const created = await manager.post('/api/campaigns', {
      templateKey: 'seed-000',
      organizerId: organizer.id,
      opensOn: '2026-12-03',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().phases.map((p: { startsAt: string; endsAt: string }) => [p.startsAt, p.endsAt])).toEqual([
      ['2026-12-02T16:00:00.000Z', '2027-03-17T15:59:59.999Z'],
      ['2027-03-17T16:00:00.000Z', '2027-03-22T15:59:59.999Z'],
      ['2027-03-22T16:00:00.000Z', '2027-05-02T15:59:59.999Z'],
      ['2027-05-28T16:00:00.000Z', '2027-05-30T15:59:59.999Z'],
    ]);
    const late = await manager.post('/api/campaigns', {
      templateKey: 'seed-000',
      organizerId: organizer.id,
      opensOn: '2026-12-01',
    });
    expect([late.statusCode, late.json().error.fields]).toEqual([
      400,
      [{ path: 'opensOn', code: 'OUT_OF_RANGE', message: '数值超出范围' }],
    ]);
    // Without opensOn the template's own dates are kept (a past call rebuilt as it ran).
    const asRan = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
    expect(asRan.phases[0]).toMatchObject({ startsAt: '2021-11-30T16:00:00.000Z', endsAt: '2022-03-15T15:59:59.999Z' });
  });

  it('an account that may not create calls gets no ability and no organizer; anonymous callers are asked to sign in', async () => {
    const { client: applicant } = await signedInAs(t, 'user');
    const res = (await applicant.get('/api/campaign-templates')).json();
    expect([res.abilities, res.organizers, res.items.length]).toEqual([{ createCampaign: false }, [], 1]);
    expect((await new Client(t.app).get('/api/campaign-templates')).statusCode).toBe(401);
  });
});
