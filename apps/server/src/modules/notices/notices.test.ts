import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { signedInAs, signIn } from '../../../test/factories.ts';
import { noticeCampaign, objectionBody, publishNotice, SETTINGS } from '../../../test/notices.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { readAwardSetState } from '../awards/index.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t.close());

const auditOf = (campaignId: string, kinds: string[]) =>
  t.app.ctx.db
    .select({ kind: auditEvents.kind, actorId: auditEvents.actorId, data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.campaignId, campaignId), inArray(auditEvents.kind, kinds)))
    .orderBy(auditEvents.seq);

describe('the public notice: settings, publish, the period, finalize (S3-7, X-3)', () => {
  it('S3-7 X-3: published for one week (seed 003: 7 natural days) from Monday 10:00, open to its last instant, then ended', async () => {
    const c = await noticeCampaign(t);
    const draft = (await c.manager.get(`/api/campaigns/${c.campaignId}/notice`)).json();
    expect({ state: draft.state, version: draft.version, abilities: draft.abilities }).toEqual({
      state: 'draft',
      version: 0,
      abilities: { edit: true, publish: 'WRONG_STATUS', finalize: 'WRONG_STATUS', object: 'NOTICE_NOT_OPEN' },
    });
    // Not published: the public page does not exist yet.
    expect((await new Client(t.app).get(`/api/public/campaigns/${c.campaignId}/notice`)).statusCode).toBe(404);

    const view = await publishNotice(c.manager, c.campaignId);
    expect({ state: view.state, startsAt: view.startsAt, endsAt: view.endsAt, version: view.version }).toEqual({
      state: 'open',
      startsAt: '2022-01-10T02:00:00.000Z',
      endsAt: '2022-01-17T15:59:59.999Z',
      version: 2,
    });
    const anonymous = new Client(t.app);
    const page = (await anonymous.get(`/api/public/campaigns/${c.campaignId}/notice`)).json();
    expect(page).toMatchObject({
      state: 'open',
      days: 7,
      dayKind: 'natural',
      contactName: SETTINGS.contactName,
      contactPhone: SETTINGS.contactPhone,
      contactEmail: SETTINGS.contactEmail,
      openObjections: 0,
      closedObjections: 0,
      abilities: { edit: 'FORBIDDEN', publish: 'FORBIDDEN', finalize: 'FORBIDDEN', object: 'UNAUTHENTICATED' },
    });
    expect(page.themes.flatMap((th: { awards: Array<{ entryId: string }> }) => th.awards.map((a) => a.entryId)).sort()).toEqual(
      c.awarded.map((e) => e.entryId).sort(),
    );
    expect(await auditOf(c.campaignId, ['notice.settings_updated', 'notice.open'])).toEqual([
      {
        kind: 'notice.settings_updated',
        actorId: c.managerUser.id,
        data: { version: 1, ...SETTINGS },
      },
      {
        kind: 'notice.open',
        actorId: c.managerUser.id,
        data: {
          from: 'draft',
          to: 'open',
          version: 2,
          startsAt: '2022-01-10T02:00:00.000Z',
          endsAt: '2022-01-17T15:59:59.999Z',
          days: 7,
          dayKind: 'natural',
        },
      },
    ]);

    // The settings are fixed once published.
    const edit = await c.manager.put(`/api/campaigns/${c.campaignId}/notice`, { version: 2, ...SETTINGS, days: 10 });
    expect([edit.statusCode, edit.json().error.code]).toEqual([409, 'WRONG_STATUS']);

    const { client: user } = await signedInAs(t);
    t.clock.set('2022-01-17T15:59:59.999Z');
    expect((await user.get(`/api/public/campaigns/${c.campaignId}/notice`)).json().abilities.object).toBe(true);
    t.clock.set('2022-01-17T16:00:00.000Z');
    const ended = (await user.get(`/api/public/campaigns/${c.campaignId}/notice`)).json();
    expect({ state: ended.state, object: ended.abilities.object }).toEqual({ state: 'ended', object: 'NOTICE_ENDED' });
  });

  it('S3-7: a period in working days ends on the 5th working day after publishing, the National Day week skipped', async () => {
    const c = await noticeCampaign(t);
    t.clock.set('2022-09-29T02:00:00.000Z');
    // Months later: the manager signs in again.
    const manager = await signIn(t, c.managerUser);
    const view = await publishNotice(manager, c.campaignId, { days: 5, dayKind: 'working' });
    expect({ dayKind: view.dayKind, endsAt: view.endsAt }).toEqual({ dayKind: 'working', endsAt: '2022-10-11T15:59:59.999Z' });
  });

  it('S3-7: publishing needs a frozen award set (AWARDS_NOT_FROZEN), nothing changes; a draft notice takes no objection (NOTICE_NOT_OPEN)', async () => {
    const c = await noticeCampaign(t, { awardState: 'computed' });
    const saved = (await c.manager.put(`/api/campaigns/${c.campaignId}/notice`, { version: 0, ...SETTINGS })).json();
    expect(saved.abilities.publish).toBe('AWARDS_NOT_FROZEN');
    const res = await c.manager.post(`/api/campaigns/${c.campaignId}/notice/actions`, { action: 'publish', version: 1 });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'AWARDS_NOT_FROZEN']);
    const after = (await c.manager.get(`/api/campaigns/${c.campaignId}/notice`)).json();
    expect({ state: after.state, version: after.version }).toEqual({ state: 'draft', version: 1 });
    // Before publishing no objection is taken (the page's `object` ability says the same).
    expect(after.abilities.object).toBe('NOTICE_NOT_OPEN');
    const { client: user } = await signedInAs(t);
    const early = await user.post(`/api/public/campaigns/${c.campaignId}/notice/objections`, objectionBody(c.awarded[0].entryId));
    expect([early.statusCode, early.json().error.code]).toEqual([409, 'NOTICE_NOT_OPEN']);
  });

  it('S3-7 X-3: finalize is refused before the end (NOTICE_NOT_ENDED) and while an objection is open (OBJECTIONS_OPEN); then the notice and the award set are final', async () => {
    const c = await noticeCampaign(t);
    const view = await publishNotice(c.manager, c.campaignId);
    const finalize = (version: number) =>
      c.manager.post(`/api/campaigns/${c.campaignId}/notice/actions`, { action: 'finalize', version });
    const early = await finalize(view.version);
    expect([early.statusCode, early.json().error.code, early.json().error.params]).toEqual([
      409,
      'NOTICE_NOT_ENDED',
      { endsAt: '2022-01-17 23:59' },
    ]);

    const { client: objector } = await signedInAs(t);
    const filed = await objector.post(
      `/api/public/campaigns/${c.campaignId}/notice/objections`,
      objectionBody(c.awarded[0].entryId),
    );
    expect(filed.statusCode).toBe(201);
    t.clock.set('2022-01-18T01:00:00.000Z');
    const ended = (await c.manager.get(`/api/campaigns/${c.campaignId}/notice`)).json();
    expect({ state: ended.state, finalize: ended.abilities.finalize, open: ended.openObjections }).toEqual({
      state: 'ended',
      finalize: 'OBJECTIONS_OPEN',
      open: 1,
    });
    const blocked = await finalize(view.version);
    expect([blocked.statusCode, blocked.json().error.code, blocked.json().error.params]).toEqual([
      409,
      'OBJECTIONS_OPEN',
      { count: 1 },
    ]);
    expect((await readAwardSetState(t.app.ctx.db, c.campaignId))?.state).toBe('frozen');

    const objection = filed.json();
    const dismissed = await c.manager.post(`/api/objections/${objection.id}/actions`, {
      action: 'dismiss',
      version: objection.version,
      reason: '经核查，数据来源真实，异议不成立。',
    });
    expect(dismissed.statusCode).toBe(200);
    const done = await finalize(view.version);
    expect(done.statusCode).toBe(200);
    expect({ state: done.json().state, closed: done.json().closedObjections, abilities: done.json().abilities }).toEqual({
      state: 'final',
      closed: 1,
      abilities: { edit: 'WRONG_STATUS', publish: 'WRONG_STATUS', finalize: 'WRONG_STATUS', object: 'NOTICE_ENDED' },
    });
    expect((await new Client(t.app).get(`/api/public/campaigns/${c.campaignId}/notice`)).json().state).toBe('final');
    expect((await readAwardSetState(t.app.ctx.db, c.campaignId))?.state).toBe('final');
    const trail = await auditOf(c.campaignId, ['notice.ended', 'notice.final', 'awards.finalize']);
    expect(trail.map((e) => [e.kind, e.actorId])).toEqual([
      ['notice.ended', c.managerUser.id],
      ['notice.final', c.managerUser.id],
      ['awards.finalize', c.managerUser.id],
    ]);
    expect(trail[0]?.data).toEqual({ from: 'open', to: 'ended', version: 3, endsAt: '2022-01-17T15:59:59.999Z' });
    expect(trail[1]?.data).toEqual({ from: 'ended', to: 'final', version: 4 });
    // A second finalize (a double click) is refused: the notice is final.
    const again = await finalize(4);
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);
  });

  it('a stale version is refused (STALE_VERSION) and the settings stay as saved', async () => {
    const c = await noticeCampaign(t);
    await c.manager.put(`/api/campaigns/${c.campaignId}/notice`, { version: 0, ...SETTINGS });
    const stale = await c.manager.put(`/api/campaigns/${c.campaignId}/notice`, { version: 0, ...SETTINGS, days: 3 });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE_VERSION']);
    expect((await c.manager.get(`/api/campaigns/${c.campaignId}/notice`)).json().days).toBe(7);
  });
});
