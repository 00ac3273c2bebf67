import { SEED_000_SHEET } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { COMPLETE_ANSWERS } from '../../../test/entries.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { MASK } from './blind.ts';
import { assignments } from './judging.tables.ts';

let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
});
afterAll(async () => t?.close());

const { contact } = COMPLETE_ANSWERS;

/** An entry that names its hospital and its contact person in its own title and summary, as applicants do. */
async function namingEntry() {
  const hospitalName = `许昌市第${Math.floor(Math.random() * 1e6)}人民医院`;
  return passedEntry(t, setup, {
    hospitalName,
    title: `${hospitalName}胸痛中心建设`,
    summary: `${hospitalName}由${contact.name}${contact.title}牵头（电话 ${contact.phone}，邮箱 ${contact.email}），D2B 时间缩短 35%。`,
  });
}

describe('a blind round hides the unit and its people in every answer a judge gets (S0-4, issue 10 item 8)', () => {
  it('X-4 S0-4 no JSON of the judge’s routes (list, entry, save, stale save, refusals, submit, abstain) names the hospital or its contact', async () => {
    const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, blind: true });
    const entry = await namingEntry();
    const other = await namingEntry();
    const judge = await activeJudge(t, setup.organizer.id);
    const a = await assign(t, round, entry, judge.judge.id);
    const b = await assign(t, round, other, judge.judge.id);
    const base = `/api/judging/assignments/${a.id}`;
    const c = judge.client;
    const answers: LightMyRequestResponse[] = [
      await c.get('/api/judging/me/assignments'),
      await c.get(base),
      await c.put(`${base}/sheet`, { version: 0, scores: { overall: 88.5 }, comment: '流程清晰' }),
      await c.put(`${base}/sheet`, { version: 0, scores: { overall: 70 } }),
      await c.put(`${base}/sheet`, { version: 1, scores: { overall: 100.5 } }),
      await c.post(`${base}/sheet/submit`, { version: 1 }),
      await c.put(`${base}/sheet`, { version: 2, scores: { overall: 1 } }),
      await c.get(base),
      await c.post(`/api/judging/assignments/${b.id}/abstain`, { reason: '与该院有合作关系' }),
      await c.get('/api/judging/me/assignments'),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 200, 409, 422, 200, 409, 200, 200, 200]);
    const secrets = [
      entry.hospital.name,
      other.hospital.name,
      entry.hospital.id,
      other.hospital.id,
      contact.name,
      contact.phone,
      contact.email,
    ];
    const leaks = answers.flatMap((r, i) => secrets.filter((s) => r.body.includes(s)).map((s) => `${i}: ${s}`));
    expect(leaks).toEqual([]);
    const view = answers[1]?.json();
    expect([view.entry.title, view.entry.organization]).toEqual([`${MASK}胸痛中心建设`, null]);
    expect(view.entry.summary).toBe(`${MASK}由${MASK}${contact.title}牵头（电话 ${MASK}，邮箱 ${MASK}），D2B 时间缩短 35%。`);
    expect(view.entry.fields).toEqual([{ key: 'department', label: '申报科室', kind: 'short_text', value: '医务部' }]);
    expect(view.entry.attachments.map((f: { slot: string; name: string }) => [f.slot, f.name])).toEqual([
      ['ppt', '案例PPT.pptx'],
    ]);
  });

  it('X-4 S0-4 the same scan finds the hospital and its contact in an open round’s entry, so the blind scan can fail', async () => {
    const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, blind: false });
    const entry = await namingEntry();
    const judge = await activeJudge(t, setup.organizer.id);
    const a = await assign(t, round, entry, judge.judge.id);
    const res = await judge.client.get(`/api/judging/assignments/${a.id}`);
    const body = res.json();
    expect(body.entry.organization).toEqual({ id: entry.hospital.id, name: entry.hospital.name });
    expect(body.entry.fields.find((f: { key: string }) => f.key === 'contact')?.value).toEqual(contact);
    expect([entry.hospital.name, contact.name, contact.phone, contact.email].every((s) => res.body.includes(s))).toBe(true);
  });
});

describe('my entries with progress (issue 10 item 4)', () => {
  it('issue 10 item 4 lists each open round’s assignments with never saved / draft / submitted / abstained counts; draft rounds and removed assignments are left out', async () => {
    const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET });
    const draftRound = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, status: 'draft' });
    const judge = await activeJudge(t, setup.organizer.id);
    const entries = [await namingEntry(), await namingEntry(), await namingEntry(), await namingEntry(), await namingEntry()];
    const [fresh, drafted, submitted, abstained, removed] = await Promise.all(
      entries.map((e) => assign(t, round, e, judge.judge.id)),
    );
    await assign(t, draftRound, entries[0] as { id: string; themeId: string }, judge.judge.id);
    const url = (id: string | undefined) => `/api/judging/assignments/${id}`;
    await judge.client.put(`${url(drafted?.id)}/sheet`, { version: 0, scores: { overall: 60 } });
    await judge.client.post(`${url(submitted?.id)}/sheet/submit`, { version: 0, scores: { overall: 91.5 } });
    await judge.client.post(`${url(abstained?.id)}/abstain`, { reason: '需要回避' });
    await t.app.ctx.db
      .update(assignments)
      .set({ status: 'removed' })
      .where(eq(assignments.id, removed?.id as string));

    const res = await judge.client.get('/api/judging/me/assignments');
    expect(res.statusCode).toBe(200);
    const { rounds } = res.json();
    expect(rounds.map((r: { round: { id: string } }) => r.round.id)).toEqual([round.id]);
    expect(rounds[0].progress).toEqual({ total: 4, notStarted: 1, draft: 1, submitted: 1, abstained: 1 });
    const open = { save: true, submit: true, abstain: true };
    const byId = new Map(rounds[0].items.map((i: { assignmentId: string }) => [i.assignmentId, i]));
    expect(byId.size).toBe(4);
    expect(byId.get(fresh?.id)).toMatchObject({ sheet: { status: 'draft', version: 0, savedAt: null }, abilities: open });
    expect(byId.get(drafted?.id)).toMatchObject({ sheet: { status: 'draft', version: 1, total: 60 }, abilities: open });
    expect(byId.get(submitted?.id)).toMatchObject({
      sheet: { status: 'submitted', version: 2, total: 91.5 },
      abilities: { submit: 'SHEET_SUBMITTED' },
    });
    expect(byId.get(abstained?.id)).toMatchObject({ sheet: { status: 'abstained' }, abilities: { abstain: 'WRONG_STATUS' } });
    expect((byId.get(fresh?.id) as { entry: { title: string } }).entry.title).toBe(`${MASK}胸痛中心建设`);
  });
});
