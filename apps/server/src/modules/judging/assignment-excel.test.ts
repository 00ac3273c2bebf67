import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { organizerMember } from '../../../test/entries.ts';
import { buildOrganization } from '../../../test/factories.ts';
import { multipart } from '../../../test/multipart.ts';
import { handRound } from '../../../test/permissions/rows-judging-assignments.ts';

/**
 * Issue 10 item 3: the assignment exported to Excel for organizers who plan offline, and an edited workbook
 * imported back as a plan — the same preview and apply as the automatic plan, row by row under the recusal rule.
 */
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
}, 120_000);
afterAll(() => t.close());

/** Entries eA (branch A1 of hospital A), eB (B), eD (a unit judge jOut declared); judges jA (of A) and jOut. */
async function setup() {
  t.clock.set('2022-01-10T02:00:00.000Z');
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  const campaignId = created.json().id as string;
  if ((await manager.client.post(`/api/campaigns/${campaignId}/publish`)).statusCode !== 200) throw new Error('publish');
  const theme = (created.json().themes as { id: string }[])[0]?.id as string;
  const a = await buildOrganization(t);
  const a1 = await buildOrganization(t, { parentId: a.id, name: `${a.name}北院` });
  const b = await buildOrganization(t);
  const d = await buildOrganization(t);
  const round = await handRound(t, {
    campaignId,
    organizerId: organizer.id,
    authorId: manager.user.id,
    entries: [
      { organizationId: a1.id, themeId: theme },
      { organizationId: b.id, themeId: theme },
      { organizationId: d.id, themeId: theme },
    ],
    judges: [
      { name: '本院评委', organizationId: a.id, themeIds: [theme] },
      { name: '外院评委', organizationId: null, themeIds: [theme], declared: [d.id] },
    ],
  });
  return { ...round, manager: manager.client, screener: (await organizerMember(t, organizer.id, 'screener')).client };
}

async function numbersOf(s: Awaited<ReturnType<typeof setup>>) {
  const res = await s.manager.get(`/api/judging/rounds/${s.roundId}/assignments.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const entries = book.getWorksheet('案例 Entries');
  const numbers: string[] = [];
  entries?.eachRow((r, n) => {
    if (n > 1) numbers.push(String(r.getCell(1).value));
  });
  return numbers.sort();
}

/** A workbook of (entry number, judge id) rows under the export's header. */
async function workbook(rows: [string, string][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('分配 Assignments');
  sheet.addRow(['案例编号 Entry number', '案例标题 Title', '专家编号 Judge ID', '专家 Judge']);
  for (const [number, judgeId] of rows) sheet.addRow([number, '', judgeId, '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

const upload = (client: Client, roundId: string, content: Buffer) => {
  const { payload, headers } = multipart({}, [{ name: 'file', filename: '分配.xlsx', content }]);
  return client.request({ method: 'POST', url: `/api/judging/rounds/${roundId}/assignment-plans/import`, payload, headers });
};

describe('issue 10 item 3: assignment as Excel', () => {
  it('X-4: the export lists each assignment with entry number, title, judge ID and name, and the panel and entries sheets; screeners may export', async () => {
    const s = await setup();
    const [, eB] = s.entryIds as [string, string];
    const [, jOut] = s.judgeIds as [string, string];
    const added = (await s.manager.post(`/api/judging/rounds/${s.roundId}/assignments`, { entryId: eB, judgeId: jOut })).json();
    const res = await s.screener.get(`/api/judging/rounds/${s.roundId}/assignments.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['分配 Assignments', '专家 Panel', '案例 Entries']);
    const rows: unknown[][] = [];
    book.getWorksheet('分配 Assignments')?.eachRow((r) => {
      rows.push((r.values as unknown[]).slice(1));
    });
    expect(rows).toEqual([
      ['案例编号 Entry number', '案例标题 Title', '专家编号 Judge ID', '专家 Judge'],
      [added.number, added.title, jOut, '外院评委'],
    ]);
    const panel: unknown[][] = [];
    book.getWorksheet('专家 Panel')?.eachRow((r, n) => {
      if (n > 1) panel.push((r.values as unknown[]).slice(1));
    });
    expect(panel.sort()).toEqual(
      [
        [s.judgeIds[0], '本院评委', 0],
        [jOut, '外院评委', 1],
      ].sort(),
    );
  }, 120_000);

  it('X-4: an edited workbook comes back as a plan of exactly its new pairs (an assigned pair kept), previewed and applied like the automatic one', async () => {
    const s = await setup();
    const [, eB, eD] = s.entryIds as [string, string, string];
    const [jA, jOut] = s.judgeIds as [string, string];
    await s.manager.post(`/api/judging/rounds/${s.roundId}/assignments`, { entryId: eB, judgeId: jOut });
    const [, nB, nD] = await numbersOf(s);
    const res = await upload(
      s.manager,
      s.roundId,
      await workbook([
        [nB as string, jOut],
        [nB as string, jA],
        [nD as string, jA],
      ]),
    );
    expect(res.statusCode).toBe(201);
    const plan = res.json();
    expect([plan.status, plan.stale, plan.abilities]).toEqual(['planned', false, { apply: true, discard: true }]);
    expect(plan.items.map((i: { entryId: string; judgeId: string }) => `${i.entryId}:${i.judgeId}`).sort()).toEqual(
      [`${eB}:${jA}`, `${eD}:${jA}`].sort(),
    );
    const applied = await s.manager.post(`/api/judging/rounds/${s.roundId}/assignment-plans/${plan.id}/apply`);
    expect(applied.statusCode).toBe(200);
    const listed = (await s.manager.get(`/api/judging/rounds/${s.roundId}/assignments`)).json().assignments;
    expect(listed.map((a: { entryId: string; judgeId: string }) => `${a.entryId}:${a.judgeId}`).sort()).toEqual(
      [`${eB}:${jOut}`, `${eB}:${jA}`, `${eD}:${jA}`].sort(),
    );
  }, 120_000);

  it('X-4: a recused row is refused ASSIGNMENT_RECUSED with its reason and row; unknown and repeated rows are field errors naming the row; screeners FORBIDDEN', async () => {
    const s = await setup();
    const [jA, jOut] = s.judgeIds as [string, string];
    const [nA, nB] = await numbersOf(s);
    const recused = await upload(
      s.manager,
      s.roundId,
      await workbook([
        [nB as string, jA],
        [nA as string, jA],
      ]),
    );
    expect([recused.statusCode, recused.json().error.code, recused.json().error.params]).toEqual([
      409,
      'ASSIGNMENT_RECUSED',
      { reason: 'parent_or_branch', row: 3 },
    ]);
    const bad = await upload(
      s.manager,
      s.roundId,
      await workbook([
        ['NO-SUCH-NUMBER', jA],
        [nB as string, jOut],
        [nB as string, jOut],
      ]),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['rows.2', 'INVALID'],
      ['rows.4', 'DUPLICATE'],
    ]);
    const screener = await upload(s.screener, s.roundId, await workbook([[nB as string, jOut]]));
    expect([screener.statusCode, screener.json().error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await s.manager.get(`/api/judging/rounds/${s.roundId}/assignments`)).json().assignments).toEqual([]);
  }, 120_000);
});
