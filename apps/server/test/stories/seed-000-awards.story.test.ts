import {
  MEDALS_S0_10,
  type TAward,
  type TAwardSetView,
  type TCertificate,
  type TCertificateVerification,
  type THonourList,
  type TObjection,
  type TPublicNotice,
} from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../app.ts';
import { buildOrganization, signedInAs } from '../factories.ts';
import { ok } from '../judging-story.ts';
import { certify, NO_VOTE_GUARD, voteKey } from '../votes.ts';
import {
  type AwardEntry,
  anonymous,
  awardCall,
  experts,
  liveStage,
  moveTo,
  onlineRound,
  refusal,
  submitted,
  tierRule,
} from './award-story.ts';

/**
 * Seed 000 from call to verified certificate (issue 12 item 5), through the routes only, on the template's own
 * calendar (申报 to 15 March 2022, 网络投票 16-20 March, 专家初评 21 March - 30 April, 全国总决赛 27-28 May):
 *
 *   theme A  A1 H1 92 · A2 H2 90 · A3 H3 95 · A4 H4 93 · A5 H5 80 · A6 H6 75 (returned once, corrected, passed)
 *   theme B  B1 H1 70 · B2 H3 91
 *   theme C  C1 H1 88 · C2 H4 60
 *
 * Online tiers (S0-10, 卓越 50 % then 优秀 40 % of the theme, rounded): A 卓越 A3 A4 A1, 优秀 A2 A5; B 卓越 B2, 优秀
 * B1; C 卓越 C1, 优秀 C2. Live final of theme A (S0-10 gold 1, silver 2-3): A1 95 gold, A3 90 and A4 85 silver.
 * Votes (S0-14 weights; popularity 10 % = one place per theme, S0-11): A6 by a certified institution (+50) over A2 by
 * a doctor (+15); B1 by a registered user (+1); none in C — A6 has no expert award, and its votes give it none.
 * Campaign-wide (S0-12): most entries H1 (A1, B1, C1); most 卓越 H1 (A1, C1) and H3 (A3, B2) tied, both stated.
 */
let t: TestApp;
beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
}, 180_000);
afterAll(async () => {
  await t?.close();
  delete process.env.VOTE_GUARD;
});

/** 10:00 in Shanghai on the day (YYYY-MM-DD). */
const tenAm = (day: string) => new Date(`${day}T10:00:00+08:00`).toISOString();

describe('seed 000 story: call -> entries -> screening -> votes -> online tiers -> live final -> awards -> notice -> certificates', () => {
  it('S0-10 S0-11 S0-12 S0-15 S3-7 X-3 X-7 from the call to a certificate verified by its QR link', async () => {
    t.clock.set(tenAm('2022-03-01'));
    const call = await awardCall(t, 'seed-000', '健康界传媒（颁奖故事）');
    const [themeA, themeB] = call.themes.map((th) => th.id) as [string, string];

    // Hospitals submit in March 2022.
    t.clock.set(tenAm('2022-03-10'));
    const org = async (name: string) => {
      const o = await buildOrganization(t, { name });
      return { id: o.id, name: o.name };
    };
    const H = {} as Record<string, { id: string; name: string }>;
    for (const [key, name] of Object.entries({
      H1: '颁奖市第一人民医院',
      H2: '颁奖市中心医院',
      H3: '颁奖县人民医院',
      H4: '颁奖县中医院',
      H5: '颁奖市妇幼保健院',
      H6: '颁奖市第二人民医院',
    }))
      H[key] = await org(name);
    const [themeC] = [call.themes[2]?.id as string];
    const plan: Array<[string, string, string, string]> = [
      ['A1', 'H1', themeA, '日间手术全流程管理'],
      ['A2', 'H2', themeA, '住院床位统一调配'],
      ['A3', 'H3', themeA, '急诊分级救治体系'],
      ['A4', 'H4', themeA, '多学科联合门诊'],
      ['A5', 'H5', themeA, '县域医共体检验互认'],
      ['A6', 'H6', themeA, '中医特色护理门诊'],
      ['B1', 'H1', themeB, '智慧药房建设'],
      ['B2', 'H3', themeB, '基层慢病随访'],
      ['C1', 'H1', themeC, '护理质量持续改进'],
      ['C2', 'H4', themeC, '院感防控网格化'],
    ];
    const e = {} as Record<string, AwardEntry>;
    for (const [key, h, themeId, title] of plan)
      e[key] = await submitted(call, t, { key, hospital: H[h] as { id: string; name: string }, themeId, title });

    // Screening: A6 is returned for a missing page, corrected within its deadline, resubmitted and passed.
    t.clock.set(tenAm('2022-03-14'));
    const m = call.manager;
    for (const key of ['A1', 'A2', 'A3', 'A4', 'A5', 'B1', 'B2', 'C1', 'C2'])
      ok(await m.post(`/api/entries/${e[key]?.id}/screening`, { decision: 'pass' }));
    const A6 = e.A6 as AwardEntry;
    ok(
      await m.post(`/api/entries/${A6.id}/screening`, {
        decision: 'return',
        reasons: '缺少单位盖章页',
        suggestions: '请补充盖章页后重新提交',
        correctionDeadline: '2022-03-15',
      }),
    );
    const mine = ok<{ version: number; status: string }>(await A6.owner.get(`/api/entries/${A6.id}`));
    expect(mine.status).toBe('returned');
    const resent = ok<{ status: string }>(
      await A6.owner.post(`/api/entries/${A6.id}/submit`, { version: mine.version, consent: true }),
    );
    expect(resent.status).toBe('submitted');
    ok(await m.post(`/api/entries/${A6.id}/screening`, { decision: 'pass' }));

    // 网络投票: the public votes with the weight of their certification (S0-14).
    t.clock.set(tenAm('2022-03-15'));
    const registered = await signedInAs(t);
    const doctor = await signedInAs(t);
    await certify(t, doctor.user, 'professional');
    const institution = await signedInAs(t);
    await certify(t, institution.user, 'institution');
    t.clock.set(tenAm('2022-03-16'));
    const vote = async (who: typeof registered, key: string) =>
      ok(await who.client.post(`/api/entries/${e[key]?.id}/votes`, { idempotencyKey: voteKey() }));
    await vote(institution, 'A6');
    await vote(doctor, 'A2');
    await vote(registered, 'B1');

    // 专家初评: three experts score every case; 卓越 50 % then 优秀 40 % by theme.
    await moveTo(t, call, tenAm('2022-03-21'));
    const judges = await experts(t, call, ['赵主任医师', '钱教授', '孙主任护师']);
    const online: Record<string, number> = { A1: 92, A2: 90, A3: 95, A4: 93, A5: 80, A6: 75, B1: 70, B2: 91, C1: 88, C2: 60 };
    const roundId = await onlineRound(call, {
      judges,
      themeIds: [themeA, themeB, themeC],
      opensAt: '2022-03-21T00:00:00+08:00',
      closesAt: '2022-04-30T23:59:59+08:00',
      scores: new Map(Object.entries(online).map(([k, s]) => [e[k]?.id as string, [s, s, s]])),
      rule: tierRule(50, 40),
    });

    // 全国总决赛 of theme A: the 卓越 cases on stage, medals by rank (S0-10).
    await moveTo(t, call, tenAm('2022-05-27'), judges);
    const stageId = await liveStage(call, {
      roundId,
      themeId: themeA,
      tiers: ['outstanding'],
      judges,
      awards: MEDALS_S0_10,
      totals: new Map([
        [e.A1?.id as string, [95, 95, 95]],
        [e.A3?.id as string, [90, 90, 90]],
        [e.A4?.id as string, [85, 85, 85]],
      ]),
    });
    const stage = ok<{ state: string }>(await call.manager.get(`/api/stages/${stageId}`));
    expect(stage.state).toBe('frozen');

    // The awards (item 1): seed 000's rules, computed from what froze before them -> preview -> freeze.
    await moveTo(t, call, tenAm('2022-06-01'));
    const awardsUrl = `/api/campaigns/${call.id}/awards`;
    const draft = ok<TAwardSetView>(await call.manager.get(awardsUrl));
    expect([draft.state, draft.rules.map((r) => [r.key, r.kind]), draft.abilities.compute]).toEqual([
      'draft',
      [
        ['tiers', 'tiers'],
        ['medals', 'medals'],
        ['popularity', 'popularity'],
        ['best_organization', 'most_entries'],
        ['best_management', 'most_tier'],
      ],
      true,
    ]);
    // Nothing is public before the freeze.
    expect((await anonymous(t).get(`/api/public/campaigns/${call.id}/honours`)).statusCode).toBe(404);
    const computed = ok<TAwardSetView>(
      await call.manager.post(`${awardsUrl}/actions`, { action: 'compute', version: draft.version }),
    );
    const keyOf = new Map(Object.values(e).map((x) => [x.id, x.key]));
    const orgKey = new Map(Object.entries(H).map(([k, h]) => [h.name, k]));
    const table = (awards: TAward[]) =>
      awards.map((a) => [
        a.ruleKey,
        a.level,
        a.entryId ? keyOf.get(a.entryId) : orgKey.get(a.organizationName),
        a.honour?.['zh-CN'] ?? null,
        a.figures.tied,
      ]);
    const SUMMIT = '总决赛/峰会邀请';
    expect([computed.state, computed.problems]).toEqual(['computed', []]);
    // The two tied hospitals come in the order of their ids; which is first says nothing.
    const listed = table(computed.awards);
    expect([...listed.slice(0, 15), ...listed.slice(15).sort()]).toEqual([
      // Theme A: 卓越 A3 A4 A1, 优秀 A2 A5 — the summit invitation for the tier award's first two of the theme
      // (S0-15); the final's gold A1, silver A3 A4; the popularity award A6 (S0-11: by votes only, one place).
      // In B and C the tier award's two recipients are both invited.
      ['tiers', 'outstanding', 'A3', SUMMIT, false],
      ['tiers', 'outstanding', 'A4', SUMMIT, false],
      ['tiers', 'outstanding', 'A1', null, false],
      ['tiers', 'excellent', 'A2', null, false],
      ['tiers', 'excellent', 'A5', null, false],
      ['medals', 'gold', 'A1', null, false],
      ['medals', 'silver', 'A3', null, false],
      ['medals', 'silver', 'A4', null, false],
      ['popularity', 'popularity', 'A6', SUMMIT, false],
      ['tiers', 'outstanding', 'B2', SUMMIT, false],
      ['tiers', 'excellent', 'B1', SUMMIT, false],
      ['popularity', 'popularity', 'B1', SUMMIT, false],
      ['tiers', 'outstanding', 'C1', SUMMIT, false],
      ['tiers', 'excellent', 'C2', SUMMIT, false],
      // Campaign-wide (S0-12): most entries H1 alone; most 卓越 H1 and H3 tied, both stated.
      ['best_organization', 'best', 'H1', null, false],
      ['best_management', 'best', 'H1', null, true],
      ['best_management', 'best', 'H3', null, true],
    ]);
    const why = (a: TAward | undefined) => a?.figures.why['zh-CN'];
    const find = (awards: TAward[], ruleKey: string, key: string) =>
      awards.find((a) => a.ruleKey === ruleKey && (a.entryId ? keyOf.get(a.entryId) : orgKey.get(a.organizationName)) === key);
    expect(why(find(computed.awards, 'best_management', 'H3'))).toContain('并列');
    // Popularity never reaches an expert award: A6 has no tier and no medal (S0-11).
    expect(computed.awards.filter((a) => a.entryId === A6.id).map((a) => a.ruleKey)).toEqual(['popularity']);

    // An adjustment needs a written reason (nothing changes without one); with one it is audited.
    const noReason = await call.manager.post(`${awardsUrl}/adjustments`, {
      op: 'remove',
      version: computed.version,
      awardId: find(computed.awards, 'popularity', 'B1')?.id,
      reason: '',
    });
    expect([noReason.statusCode, noReason.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(ok<TAwardSetView>(await call.manager.get(awardsUrl)).version).toBe(computed.version);
    const frozen = ok<TAwardSetView>(
      await call.manager.post(`${awardsUrl}/actions`, { action: 'freeze', version: computed.version }),
    );
    expect([frozen.state, frozen.abilities.adjust, frozen.abilities.issueCertificates]).toEqual([
      'frozen',
      'WRONG_STATUS',
      'WRONG_STATUS',
    ]);

    // The public notice (公示, S3-7): one week from 1 June, with the organizer's contact.
    const noticeUrl = `/api/campaigns/${call.id}/notice`;
    const settings = ok<{ version: number }>(await call.manager.get(noticeUrl));
    const saved = ok<{ version: number }>(
      await call.manager.put(noticeUrl, {
        version: settings.version,
        days: 7,
        dayKind: 'natural',
        contactName: '颁奖办公室',
        contactPhone: '010-12345678',
        contactEmail: null,
        body: '公示期内如有异议，请实名提出。',
      }),
    );
    const opened = ok<{ state: string; endsAt: string; version: number }>(
      await call.manager.post(`${noticeUrl}/actions`, { action: 'publish', version: saved.version }),
    );
    expect([opened.state, opened.endsAt]).toEqual(['open', '2022-06-08T15:59:59.999Z']);
    const publicNotice = `/api/public/campaigns/${call.id}/notice`;
    const shown = ok<TPublicNotice>(await anonymous(t).get(publicNotice));
    expect([shown.state, shown.contactPhone, shown.themes.flatMap((th) => th.awards).length]).toEqual([
      'open',
      '010-12345678',
      17,
    ]);

    // Two objections under real names (the objectors' identities are the organizer's only).
    t.clock.set(tenAm('2022-06-03'));
    const objector = await signedInAs(t);
    const against = async (key: string, text: string) =>
      ok<TObjection>(
        await objector.client.post(`${publicNotice}/objections`, {
          entryId: e[key]?.id,
          realName: '李文',
          phone: '13800000000',
          text,
          evidenceIds: [],
        }),
        201,
      );
    const plagiarism = await against('A5', '该案例的主要内容与另一家医院2020年发表的论文高度雷同，疑似抄袭。');
    t.clock.set('2022-06-03T03:00:00.000Z');
    const doubt = await against('A1', '该案例的成效数据与医院年报不一致，请核实金奖结果。');
    const seen = await anonymous(t).get(publicNotice);
    expect([seen.json().openObjections, seen.body.includes('李文'), seen.body.includes('13800000000')]).toEqual([
      2,
      false,
      false,
    ]);

    // The organizer upholds the first (the 优秀 award of A5 is removed through the awards writer, with the reason)
    // and dismisses the second; the objector is told each time.
    const upheld = ok<TObjection>(
      await call.manager.post(`/api/objections/${plagiarism.id}/actions`, {
        action: 'uphold',
        version: plagiarism.version,
        reason: '经专家复核，内容雷同属实，撤销该案例优秀奖项。',
        change: { op: 'remove', awardId: find(frozen.awards, 'tiers', 'A5')?.id },
      }),
    );
    const dismissed = ok<TObjection>(
      await call.manager.post(`/api/objections/${doubt.id}/actions`, {
        action: 'dismiss',
        version: doubt.version,
        reason: '年报口径不同，经核实成效数据无误。',
      }),
    );
    expect([upheld.state, dismissed.state]).toEqual(['upheld', 'dismissed']);
    const told = ok<{ items: Array<{ title: string }> }>(await objector.client.get('/api/notifications'));
    expect(told.items.length).toBe(4);
    const amended = ok<TAwardSetView>(await call.manager.get(awardsUrl));
    // The removed award stays in the organizer's view, marked with the reason (X-3: nothing silently rewritten).
    expect(amended.awards.filter((a) => a.entryId === e.A5?.id).map((a) => [a.level, a.origin, a.reason])).toEqual([
      ['excellent', 'removed', '经专家复核，内容雷同属实，撤销该案例优秀奖项。'],
    ]);
    const onNotice = ok<TPublicNotice>(await anonymous(t).get(publicNotice));
    expect(onNotice.themes.flatMap((th) => th.awards).some((a) => a.entryId === e.A5?.id)).toBe(false);

    // Too early to finalize; after the week an objection is refused with the end date, then the results are final.
    const early = await call.manager.post(`${noticeUrl}/actions`, { action: 'finalize', version: opened.version });
    expect(refusal(early)).toEqual([409, 'NOTICE_NOT_ENDED', { endsAt: '2022-06-08 23:59' }]);
    t.clock.set('2022-06-08T16:00:00.000Z');
    const late = await objector.client.post(`${publicNotice}/objections`, {
      entryId: e.A3?.id,
      realName: '李文',
      phone: '13800000000',
      text: '公示期结束后提出的异议，应当被拒绝并告知截止时间。',
      evidenceIds: [],
    });
    expect(refusal(late)).toEqual([409, 'NOTICE_ENDED', { endsAt: '2022-06-08 23:59' }]);
    const filed = ok<{ objections: TObjection[] }>(await call.manager.get(`/api/campaigns/${call.id}/objections`));
    // Newest first, the objector's name shown to the organizer only.
    expect(filed.objections.map((o) => [o.entryId, o.state, o.realName])).toEqual([
      [e.A1?.id, 'dismissed', '李文'],
      [e.A5?.id, 'upheld', '李文'],
    ]);
    const noticeNow = ok<{ version: number }>(await call.manager.get(noticeUrl));
    const finalNotice = ok<{ state: string }>(
      await call.manager.post(`${noticeUrl}/actions`, { action: 'finalize', version: noticeNow.version }),
    );
    expect(finalNotice.state).toBe('final');
    const honours = ok<THonourList>(await anonymous(t).get(`/api/public/campaigns/${call.id}/honours`));
    expect([honours.state, honours.final, honours.themes.flatMap((th) => th.awards).length]).toEqual(['final', true, 16]);

    // Certificates: one per award, verified through the QR link; a revoked one says so.
    const issued = ok<{ issued: number; existing: number }>(
      await call.manager.post(`/api/campaigns/${call.id}/certificates/issue`),
    );
    expect(issued).toEqual({ issued: 16, existing: 0 });
    const list = ok<{ certificates: TCertificate[] }>(await call.manager.get(`/api/campaigns/${call.id}/certificates`));
    const gold = list.certificates.find((c) => c.awardId === find(amended.awards, 'medals', 'A1')?.id) as TCertificate;
    expect(gold.number).toMatch(/^CA2022-\d{6}-[A-Z]$/);
    const ref = gold.verifyUrl.split('/v/')[1] as string;
    const [number, code] = ref.split('.') as [string, string];
    const verified = ok<TCertificateVerification>(await anonymous(t).get(`/api/public/certificates/${number}?code=${code}`));
    expect([verified.status, verified.recipient, verified.entryTitle, verified.awardLabel]).toEqual([
      'valid',
      H.H1?.name,
      '日间手术全流程管理',
      '金奖',
    ]);
    const forged = await anonymous(t).get(
      `/api/public/certificates/${number}?code=${code.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`,
    );
    expect([forged.statusCode, forged.json().error.code]).toEqual([404, 'CERTIFICATE_INVALID']);
    const pdf = await call.manager.get(`/api/certificates/${gold.id}/pdf`);
    expect([pdf.statusCode, pdf.headers['content-type'], pdf.rawPayload.subarray(0, 5).toString()]).toEqual([
      200,
      'application/pdf',
      '%PDF-',
    ]);
    ok(await call.manager.post(`/api/certificates/${gold.id}/revoke`, { reason: '获奖单位申请更正证书信息' }));
    const revoked = ok<TCertificateVerification>(await anonymous(t).get(`/api/public/certificates/${number}?code=${code}`));
    expect([revoked.status, revoked.revokeReason]).toEqual(['revoked', '获奖单位申请更正证书信息']);
  }, 300_000);
});
