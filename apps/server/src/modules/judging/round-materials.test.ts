import { SEED_002_SECOND_REVIEW_SLOTS } from '@casearena/contract';
import { and, asc, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { buildMp4 } from '../../../test/mp4s.ts';
import { multipart, SAMPLE } from '../../../test/multipart.ts';
import { buildDeck, GOOD_DECK } from '../../../test/pptx.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { judgingRounds } from './judging.tables.ts';
import { roundMaterials } from './round-materials.tables.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 180_000);
afterAll(() => t?.close());

const put = (client: Client, url: string, filename: string, content: Buffer) => {
  const { payload, headers } = multipart({}, [{ name: 'file', filename, content }]);
  return client.request({ method: 'POST', url, payload, headers });
};

/** A call with a draft round of theme 0's passed entries that asks for seed 002's 汇报 PPT and video. */
async function setup() {
  const s = await judgingCampaign(t);
  const entry = await passedEntry(t, s);
  const other = await passedEntry(t, s, { themeIndex: 1 });
  const round = await judgingRound(t, s.campaign.id, {
    status: 'draft',
    materials: { fieldKeys: [], attachmentKeys: [], extraSlots: SEED_002_SECOND_REVIEW_SLOTS },
  });
  await t.app.ctx.db
    .update(judgingRounds)
    .set({ scope: { kind: 'themes', themeIds: [entry.themeId] } })
    .where(eq(judgingRounds.id, round.id));
  const url = (slot: string, e = entry) => `/api/judging/rounds/${round.id}/entries/${e.id}/materials/${slot}`;
  return { ...s, entry, other, round, url };
}

const rowsOf = (roundId: string) =>
  t.app.ctx.db.select().from(roundMaterials).where(eq(roundMaterials.roundId, roundId)).orderBy(asc(roundMaterials.slotKey));
const fileCount = async () => (await t.app.ctx.db.select({ n: count() }).from(files))[0]?.n;

describe('issue 10 item 2: a round asks its entries for materials of its own', () => {
  it('S2-6: a replaced file raises the version, keeps the old file, and each upload is audited with the one it replaced', async () => {
    const s = await setup();
    const deck = await buildDeck(GOOD_DECK);
    const first = await put(s.entry.owner, s.url('presentationPpt'), '汇报一.pptx', deck);
    const second = await put(s.entry.owner, s.url('presentationPpt'), '汇报二.pptx', deck);
    expect([first.statusCode, second.statusCode, first.json().version, second.json().version]).toEqual([201, 201, 1, 2]);
    const rows = await rowsOf(s.round.id);
    expect(rows.map((r) => [r.slotKey, r.fileId, r.name, r.version])).toEqual([
      ['presentationPpt', second.json().fileId, '汇报二.pptx', 2],
    ]);
    const [kept] = await t.app.ctx.db.select().from(files).where(eq(files.id, first.json().fileId));
    expect(kept?.name).toBe('汇报一.pptx');
    const events = await t.app.ctx.db
      .select({ kind: auditEvents.kind, subjectId: auditEvents.subjectId, data: auditEvents.data })
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, s.entry.id), eq(auditEvents.kind, 'entry.file_attached')))
      .orderBy(asc(auditEvents.seq));
    const mine = events.filter((e) => (e.data as { roundId?: string }).roundId === s.round.id);
    expect(mine.map((e) => [(e.data as Record<string, unknown>).version, (e.data as Record<string, unknown>).replaced])).toEqual([
      [1, null],
      [2, first.json().fileId],
    ]);
    const listed = (await s.entry.owner.get(`/api/entries/${s.entry.id}/round-materials`)).json();
    expect(
      listed.rounds[0].slots.map((x: { key: string; file: { name: string } | null }) => [x.key, x.file?.name ?? null]),
    ).toEqual([
      ['presentationPpt', '汇报二.pptx'],
      ['presentationVideo', null],
    ]);
  }, 120_000);

  it('S2-6: an entry outside the scope, an unknown slot, the organizer and a bad id get 404; nothing is stored', async () => {
    const s = await setup();
    const deck = await buildDeck(GOOD_DECK);
    const before = await fileCount();
    const outside = await put(s.other.owner, s.url('presentationPpt', s.other), '汇报.pptx', deck);
    const noSlot = await put(s.entry.owner, s.url('poster'), '汇报.pptx', deck);
    const organizer = await put(s.manager, s.url('presentationPpt'), '汇报.pptx', deck);
    const badId = await put(
      s.entry.owner,
      `/api/judging/rounds/x/entries/${s.entry.id}/materials/presentationPpt`,
      'a.pptx',
      deck,
    );
    expect([outside, noSlot, organizer, badId].map((r) => [r.statusCode, r.json().error.code])).toEqual(
      Array(4).fill([404, 'NOT_FOUND']),
    );
    expect((await s.other.owner.get(`/api/entries/${s.other.id}/round-materials`)).json()).toEqual({ rounds: [] });
    expect((await s.manager.get(`/api/entries/${s.entry.id}/round-materials`)).statusCode).toBe(404);
    expect([await rowsOf(s.round.id), await fileCount()]).toEqual([[], before]);
  }, 120_000);

  it('S0-5 S2-6: the slot’s checks — an .exe as the PPT is 415, a video over 480 s is 422, and the stored copy goes', async () => {
    const s = await setup();
    const before = await fileCount();
    const exe = await put(s.entry.owner, s.url('presentationPpt'), '汇报.pptx', SAMPLE.exe);
    expect([exe.statusCode, exe.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const long = await put(
      s.entry.owner,
      s.url('presentationVideo'),
      '汇报.mp4',
      buildMp4({ width: 1280, height: 720, seconds: 481 }),
    );
    expect([long.statusCode, long.json().error.code, long.json().error.message]).toEqual([
      422,
      'FILE_RULES_FAILED',
      '文件不符合本活动的要求：视频时长 481 秒，超过 480 秒',
    ]);
    const fine = await put(
      s.entry.owner,
      s.url('presentationVideo'),
      '汇报.mp4',
      buildMp4({ width: 1280, height: 720, seconds: 480 }),
    );
    expect(fine.statusCode).toBe(201);
    expect([(await rowsOf(s.round.id)).map((r) => r.slotKey), await fileCount()]).toEqual([
      ['presentationVideo'],
      (before ?? 0) + 1,
    ]);
  }, 120_000);
});
