import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildUser, signedInAs, signIn, type TestUser } from '../../../test/factories.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import { bellOf, type NoticeCampaign, noticeCampaign, objectionBody, publishNotice } from '../../../test/notices.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { outbox } from '../../platform/outbox/outbox.tables.ts';
import { objectionEvidence, objections } from './notices.tables.ts';

let t: TestApp;
let c: NoticeCampaign;
let objectorUser: TestUser;
let objector: Client;
let stranger: Client;

beforeAll(async () => {
  t = await startTestApp();
  c = await noticeCampaign(t);
  await publishNotice(c.manager, c.campaignId);
  objectorUser = await buildUser(t, { name: '王小明' });
  objector = await signIn(t, objectorUser);
  stranger = (await signedInAs(t)).client;
}, 120_000);
afterAll(() => t.close());

// The test clock stands still: each write a second later, so the threads and lists have an order.
const file = (client: Client, body: object) => {
  t.clock.advance(1000);
  return client.post(`/api/public/campaigns/${c.campaignId}/notice/objections`, body);
};
const step = (client: Client, id: string, body: object) => {
  t.clock.advance(1000);
  return client.post(`/api/objections/${id}/actions`, body);
};
const upload = (client: Client, content: Buffer, filename = 'evidence.pdf') => {
  t.clock.advance(1000);
  const { payload, headers } = multipart({}, [{ name: 'file', filename, content }]);
  return client.request({ method: 'POST', url: `/api/public/campaigns/${c.campaignId}/notice/evidence`, payload, headers });
};
const objectionRows = () =>
  t.app.ctx.db.select({ id: objections.id }).from(objections).where(eq(objections.campaignId, c.campaignId));
const publicNotice = async (client: Client = new Client(t.app)) =>
  (await client.get(`/api/public/campaigns/${c.campaignId}/notice`)).json();
const bell = (userId: string) => bellOf(t, userId);

describe('objections to the public notice (S3-7, X-3)', () => {
  it('S3-7: an objection needs a real name (REAL_NAME_REQUIRED) and nothing is stored', async () => {
    const before = (await objectionRows()).length;
    for (const realName of ['', '张', 'user123', 'Li@Lei']) {
      const res = await file(objector, objectionBody(c.awarded[0].entryId, { realName }));
      expect([
        res.statusCode,
        res.json().error.code,
        res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code]),
      ]).toEqual([400, 'VALIDATION_FAILED', [['realName', 'REAL_NAME_REQUIRED']]]);
    }
    expect((await objectionRows()).length).toBe(before);
  });

  it('S3-7: an objection about an entry without an award on the notice is refused (NOT_ON_NOTICE), nothing stored', async () => {
    const before = (await objectionRows()).length;
    const res = await file(objector, objectionBody(c.notAwarded.entryId));
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'NOT_ON_NOTICE']);
    expect((await objectionRows()).length).toBe(before);
  });

  it('signed out, filing is UNAUTHENTICATED', async () => {
    const res = await file(new Client(t.app), objectionBody(c.awarded[0].entryId));
    expect(res.statusCode).toBe(401);
  });

  it('S3-7: evidence is sniffed (PDF/JPEG/PNG only), at most 10 MB, attached when filed; only the organizer and the objector download it', async () => {
    const exe = await upload(objector, SAMPLE.exe, 'evidence.pdf');
    expect([exe.statusCode, exe.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const big = await upload(objector, Buffer.concat([SAMPLE.pdf, Buffer.alloc(10 * 1024 * 1024)]));
    expect([big.statusCode, big.json().error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const pdf = await upload(objector, SAMPLE.pdf, '核查材料.pdf');
    expect(pdf.statusCode).toBe(201);
    expect(pdf.json()).toEqual({ id: pdf.json().id, name: '核查材料.pdf', size: SAMPLE.pdf.length, mime: 'application/pdf' });
    const png = await upload(objector, SAMPLE.png, 'photo.png');
    expect(png.json().mime).toBe('image/png');

    // Another user's evidence id cannot be attached.
    const theirs = await upload(stranger, SAMPLE.pdf);
    const foreign = await file(objector, objectionBody(c.awarded[0].entryId, { evidenceIds: [theirs.json().id] }));
    expect([foreign.statusCode, foreign.json().error.fields[0].path]).toEqual([400, 'evidenceIds']);

    const filed = await file(objector, objectionBody(c.awarded[0].entryId, { evidenceIds: [pdf.json().id, png.json().id] }));
    expect(filed.statusCode).toBe(201);
    const objection = filed.json();
    expect(objection.evidence.map((e: { name: string }) => e.name)).toEqual(['核查材料.pdf', 'photo.png']);
    const url = `/api/objections/${objection.id}/evidence/${pdf.json().id}`;
    const mine = await objector.get(url);
    expect([mine.statusCode, mine.headers['content-type'], mine.rawPayload.equals(SAMPLE.pdf)]).toEqual([
      200,
      'application/pdf',
      true,
    ]);
    expect((await c.manager.get(url)).statusCode).toBe(200);
    expect((await stranger.get(url)).statusCode).toBe(404);
    expect((await new Client(t.app).get(url)).statusCode).toBe(401);
    // An evidence id of another objection under this objection's path is NOT_FOUND.
    expect((await objector.get(`/api/objections/${objection.id}/evidence/${theirs.json().id}`)).statusCode).toBe(404);
  });

  it('at most 5 evidence files wait unattached per person (TOO_MANY_ROWS), and at most 5 per objection', async () => {
    const { client } = await signedInAs(t);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await upload(client, SAMPLE.png, `p${i}.png`)).json().id);
    const sixth = await upload(client, SAMPLE.png);
    expect([sixth.statusCode, sixth.json().error.fields[0].code]).toEqual([400, 'TOO_MANY_ROWS']);
    const tooMany = await file(client, objectionBody(c.awarded[0].entryId, { evidenceIds: [...ids, ids[0]] }));
    expect([tooMany.statusCode, tooMany.json().error.fields[0].path]).toEqual([400, 'evidenceIds']);
  });

  it('S3-7 X-3: the organizer asks for information, the objector answers, the organizer dismisses; the objector is told each step', async () => {
    const filed = await file(objector, objectionBody(c.awarded[1].entryId));
    const o = filed.json();
    expect({ state: o.state, realName: o.realName, abilities: o.abilities }).toEqual({
      state: 'open',
      realName: '张三丰',
      abilities: { requestInfo: 'FORBIDDEN', answer: 'WRONG_STATUS', uphold: 'FORBIDDEN', dismiss: 'FORBIDDEN' },
    });
    const asked = await step(c.manager, o.id, { action: 'request_info', version: o.version, reason: '请补充原始数据截图。' });
    expect([asked.statusCode, asked.json().state]).toEqual([200, 'info_requested']);
    // The objector cannot decide their own objection; a stale version is refused.
    const self = await step(objector, o.id, { action: 'dismiss', version: asked.json().version, reason: '撤回异议' });
    expect([self.statusCode, self.json().error.code]).toEqual([403, 'FORBIDDEN']);
    const stale = await step(objector, o.id, { action: 'answer', version: o.version, reason: '已补充' });
    expect([stale.statusCode, stale.json().error.code]).toEqual([409, 'STALE_VERSION']);
    const answered = await step(objector, o.id, { action: 'answer', version: asked.json().version, reason: '截图见附件说明。' });
    expect([answered.statusCode, answered.json().state]).toEqual([200, 'open']);
    const dismissed = await step(c.manager, o.id, {
      action: 'dismiss',
      version: answered.json().version,
      reason: '经核查数据真实，异议不成立。',
    });
    expect(dismissed.statusCode).toBe(200);
    expect({
      state: dismissed.json().state,
      closed: dismissed.json().closedAt !== null,
      messages: dismissed.json().messages.map((m: { from: string; kind: string; text: string }) => [m.from, m.kind, m.text]),
    }).toEqual({
      state: 'dismissed',
      closed: true,
      messages: [
        ['objector', 'filed', o.text],
        ['organizer', 'info_requested', '请补充原始数据截图。'],
        ['objector', 'info_given', '截图见附件说明。'],
        ['organizer', 'dismissed', '经核查数据真实，异议不成立。'],
      ],
    });
    const again = await step(c.manager, o.id, {
      action: 'uphold',
      version: dismissed.json().version,
      reason: '改判',
      change: { op: 'none' },
    });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'WRONG_STATUS']);

    const trail = await t.app.ctx.db
      .select({ kind: auditEvents.kind, actorId: auditEvents.actorId })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectType, 'objection'), eq(auditEvents.subjectId, o.id)))
      .orderBy(auditEvents.seq);
    expect(trail).toEqual([
      { kind: 'objection.filed', actorId: objectorUser.id },
      { kind: 'objection.info_requested', actorId: c.managerUser.id },
      { kind: 'objection.answered', actorId: objectorUser.id },
      { kind: 'objection.dismissed', actorId: c.managerUser.id },
    ]);
    const told = (await bell(objectorUser.id)).filter((n) => n.link === `/objections/${o.id}`);
    const entry = c.awarded[1].title;
    expect(told.map((n) => [n.template, n.params])).toEqual([
      ['objection.received', { name: '张三丰', campaign: expect.any(String), entry }],
      ['objection.infoRequested', { name: '张三丰', campaign: expect.any(String), entry, reason: '请补充原始数据截图。' }],
      ['objection.dismissed', { name: '张三丰', campaign: expect.any(String), entry, reason: '经核查数据真实，异议不成立。' }],
    ]);
    const mail = await t.app.ctx.db
      .select({ recipient: outbox.recipient, body: outbox.body })
      .from(outbox)
      .where(eq(outbox.recipient, objectorUser.email));
    expect(mail.filter((m) => m.body.includes('经核查数据真实')).length).toBe(1);
  });

  it('S3-7 X-3: an upheld objection removes the award through the awards writer (amendAwards), with the reason; the award leaves the public notice', async () => {
    const target = c.awarded[1];
    const filed = (await file(objector, objectionBody(target.entryId))).json();
    const upheld = await step(c.manager, filed.id, {
      action: 'uphold',
      version: filed.version,
      reason: '经核实存在数据抄袭，撤销该奖项。',
      change: { op: 'remove', awardId: target.awardId },
    });
    expect([upheld.statusCode, upheld.json().state]).toEqual([200, 'upheld']);
    const page = await publicNotice();
    const onPage = page.themes.flatMap((th: { awards: Array<{ awardId: string }> }) => th.awards.map((a) => a.awardId));
    expect(onPage).toEqual([c.awarded[0].awardId]);
    const [amended] = await t.app.ctx.db
      .select({ actorId: auditEvents.actorId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.campaignId, c.campaignId), eq(auditEvents.kind, 'awards.amend')));
    expect(amended).toMatchObject({
      actorId: c.managerUser.id,
      data: { op: 'remove', awardId: target.awardId, reason: '经核实存在数据抄袭，撤销该奖项。', objectionId: filed.id },
    });
    const told = (await bell(objectorUser.id)).filter((n) => n.link === `/objections/${filed.id}`).map((n) => n.template);
    expect(told).toEqual(['objection.received', 'objection.upheld']);
    // The award is gone: an objection about that entry is now NOT_ON_NOTICE.
    const late = await file(objector, objectionBody(target.entryId));
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'NOT_ON_NOTICE']);
  });

  it('S3-7: uphold with no change to the awards (change none) closes the objection; a refused amendment undoes the step', async () => {
    const filed = (await file(objector, objectionBody(c.awarded[0].entryId))).json();
    const missing = await step(c.manager, filed.id, {
      action: 'uphold',
      version: filed.version,
      reason: '撤销奖项',
      change: { op: 'remove', awardId: '00000000-0000-4000-8000-000000000000' },
    });
    expect(missing.statusCode).toBe(404);
    expect((await objector.get(`/api/objections/${filed.id}`)).json().state).toBe('open');
    const none = await step(c.manager, filed.id, {
      action: 'uphold',
      version: filed.version,
      reason: '异议部分成立，已要求补充说明，奖项不变。',
      change: { op: 'none' },
    });
    expect([none.statusCode, none.json().state]).toEqual([200, 'upheld']);
  });

  it('S3-7: the objector’s identity is shown to the organizer and the objector only, never on the public notice', async () => {
    const filed = (
      await file(objector, objectionBody(c.awarded[0].entryId, { realName: '欧阳秘密', phone: '13712345678' }))
    ).json();
    for (const client of [new Client(t.app), stranger, objector]) {
      const body = JSON.stringify(await publicNotice(client));
      for (const secret of ['欧阳秘密', '13712345678', objectorUser.id, objectorUser.email, filed.id])
        expect(body).not.toContain(secret);
    }
    const list = (await c.manager.get(`/api/campaigns/${c.campaignId}/objections`)).json();
    expect(list.objections.find((o: { id: string }) => o.id === filed.id)).toMatchObject({
      realName: '欧阳秘密',
      phone: '13712345678',
    });
    const mine = (await objector.get(`/api/public/campaigns/${c.campaignId}/notice/objections/mine`)).json();
    expect(mine.objections[0]).toMatchObject({ id: filed.id, realName: '欧阳秘密' });
    expect((await stranger.get(`/api/public/campaigns/${c.campaignId}/notice/objections/mine`)).json()).toEqual({
      objections: [],
    });
  });

  it('S3-7: filing tells each manager of the organizer, by bell and mail in their language, with the objector’s real name; no notice or message to anyone else names the objector', async () => {
    const second = await organizerMember(t, c.organizerId, 'manager');
    expect((await second.client.patch('/api/me', { locale: 'en' })).statusCode).toBe(200);
    const screener = await organizerMember(t, c.organizerId, 'screener');
    const campaign = (await c.manager.get(`/api/campaigns/${c.campaignId}`)).json().title as string;
    const entry = c.awarded[0];
    const filed = (await file(objector, objectionBody(entry.entryId, { realName: '司马秘闻', phone: '13755556666' }))).json();
    const at = t.clock.now();
    const link = `/objections/${filed.id}`;

    for (const manager of [c.managerUser, second.user])
      expect((await bell(manager.id)).filter((n) => n.link === link)).toEqual([
        {
          template: 'objection.filed',
          params: { name: manager.name, objector: '司马秘闻', campaign, entry: entry.title },
          link,
        },
      ]);
    expect(await bell(screener.user.id)).toEqual([]);
    const zh = {
      title: '公示收到新的异议',
      body: `${c.managerUser.name}，您好：“${campaign}”公示中的案例“${entry.title}”收到一条实名异议（异议人：司马秘闻）。请登录后查看并处理；异议人的身份仅主办方可见。`,
    };
    const en = {
      title: 'New objection to the notice',
      body: `Hello ${second.user.name}, an objection under a real name (司马秘闻) was filed about the case “${entry.title}” on the notice of “${campaign}”. Sign in to review and handle it; only the organizer sees who objected.`,
    };
    const shown = async (client: Client) =>
      (await client.get('/api/notifications'))
        .json()
        .items.filter((n: { link: string }) => n.link === link)
        .map((n: { title: string; body: string }) => ({ title: n.title, body: n.body }));
    expect([await shown(c.manager), await shown(second.client)]).toEqual([[zh], [en]]);
    const mail = await t.app.ctx.db
      .select({ recipient: outbox.recipient, subject: outbox.subject, body: outbox.body })
      .from(outbox)
      .where(inArray(outbox.recipient, [c.managerUser.email, second.user.email]))
      .orderBy(outbox.subject);
    expect(mail.filter((m) => m.body.includes(link) || m.body.includes('司马秘闻'))).toEqual([
      { recipient: c.managerUser.email, subject: `CaseArena 案例擂台：${zh.title}`, body: zh.body },
      { recipient: second.user.email, subject: `CaseArena: ${en.title}`, body: en.body },
    ]);
    // Everyone told at the filing: the objector (their own receipt) and the two managers, no one else.
    const told = (await t.app.ctx.db.execute(
      sql`select distinct user_id from notifications where created_at = ${at.toISOString()}::timestamptz`,
    )) as unknown as { rows: Array<{ user_id: string }> };
    expect(told.rows.map((r) => r.user_id).sort()).toEqual([objectorUser.id, c.managerUser.id, second.user.id].sort());
    // The objector's identity, in every notice and message ever written: the real name only to the managers and to
    // the objector (addressed by it), the phone to no one.
    const naming = (await t.app.ctx.db.execute(
      sql`select distinct user_id from notifications
          where concat(title, body, params::text) like '%司马秘闻%'`,
    )) as unknown as { rows: Array<{ user_id: string }> };
    expect(naming.rows.map((r) => r.user_id).sort()).toEqual([objectorUser.id, c.managerUser.id, second.user.id].sort());
    const mailed = await t.app.ctx.db
      .selectDistinct({ recipient: outbox.recipient })
      .from(outbox)
      .where(or(like(outbox.subject, '%司马秘闻%'), like(outbox.body, '%司马秘闻%')));
    expect(mailed.map((m) => m.recipient).sort()).toEqual([objectorUser.email, c.managerUser.email, second.user.email].sort());
    const phoned = (await t.app.ctx.db.execute(
      sql`select count(*)::int as n from notifications where concat(title, body, params::text) like '%13755556666%'`,
    )) as unknown as { rows: Array<{ n: number }> };
    const phoneMail = await t.app.ctx.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(or(like(outbox.body, '%13755556666%'), eq(outbox.recipient, '13755556666')));
    expect([phoned.rows[0]?.n, phoneMail.length]).toEqual([0, 0]);
  });

  it('anyone but the organizer and the objector meets NOT_FOUND: the objection, its steps, the organizer list', async () => {
    const filed = (await file(objector, objectionBody(c.awarded[0].entryId))).json();
    const read = await stranger.get(`/api/objections/${filed.id}`);
    expect([read.statusCode, read.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const acted = await step(stranger, filed.id, { action: 'dismiss', version: filed.version, reason: '不成立' });
    expect([acted.statusCode, acted.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const list = await stranger.get(`/api/campaigns/${c.campaignId}/objections`);
    expect([list.statusCode, list.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const settings = await stranger.get(`/api/campaigns/${c.campaignId}/notice`);
    expect([settings.statusCode, settings.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await objector.get(`/api/objections/${filed.id}`)).statusCode).toBe(200);
  });

  it('S3-7: an objection after the period is refused with the end date (NOTICE_ENDED), and nothing is stored', async () => {
    const before = (await objectionRows()).length;
    const pending = (await upload(objector, SAMPLE.pdf)).json().id;
    t.clock.set('2022-01-17T16:00:00.000Z');
    const late = await file(await signIn(t, objectorUser), objectionBody(c.awarded[0].entryId, { evidenceIds: [pending] }));
    expect([late.statusCode, late.json().error.code, late.json().error.params]).toEqual([
      409,
      'NOTICE_ENDED',
      { endsAt: '2022-01-17 23:59' },
    ]);
    expect(late.json().error.message).toBe('公示期已于 2022-01-17 23:59（北京时间）结束，不再受理异议');
    expect((await objectionRows()).length).toBe(before);
    const [evidence] = await t.app.ctx.db
      .select({ objectionId: objectionEvidence.objectionId })
      .from(objectionEvidence)
      .where(inArray(objectionEvidence.id, [pending]));
    expect(evidence).toEqual({ objectionId: null });
    const upload2 = await upload(objector, SAMPLE.pdf);
    expect([upload2.statusCode, upload2.json().error.code]).toEqual([409, 'NOTICE_ENDED']);
  });

  it('X-3: an uphold and a dismiss of one objection at once: one step wins, the other is refused, one audit event; a lost uphold leaves the award', async () => {
    // After the period the organizer still decides the objections filed during it.
    const mine = (await objector.get(`/api/public/campaigns/${c.campaignId}/notice/objections/mine`)).json();
    const open = mine.objections.find(
      (o: { state: string; entryId: string }) => o.state === 'open' && o.entryId === c.awarded[0].entryId,
    );
    const manager = await signIn(t, c.managerUser);
    const [a, b] = await Promise.all([
      step(manager, open.id, {
        action: 'uphold',
        version: open.version,
        reason: '异议成立，撤销奖项。',
        change: { op: 'remove', awardId: c.awarded[0].awardId },
      }),
      step(manager, open.id, { action: 'dismiss', version: open.version, reason: '异议不成立。' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(['WRONG_STATUS', 'STALE_VERSION']).toContain(loser.json().error.code);
    const decided = await t.app.ctx.db
      .select({ kind: auditEvents.kind })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, open.id), inArray(auditEvents.kind, ['objection.upheld', 'objection.dismissed'])));
    expect(decided.length).toBe(1);
    const onPage = (await publicNotice()).themes.flatMap((th: { awards: Array<{ awardId: string }> }) =>
      th.awards.map((x) => x.awardId),
    );
    expect(onPage.includes(c.awarded[0].awardId)).toBe(decided[0]?.kind === 'objection.dismissed');
  });
});
