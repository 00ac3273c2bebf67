import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, T0, type TestApp } from '../../../test/app.ts';
import { CALLERS, type Caller, castVotes, type FraudWorld, fraudWorld, passedEntry, voter } from '../../../test/fraud-votes.ts';

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000);
const OLD = new Date(Date.parse(T0) - 10 * 24 * 3_600_000);

let t: TestApp;
let w: FraudWorld;
const E: Record<string, { id: string; themeId: string; number: string }> = {};

beforeAll(async () => {
  t = await startTestApp();
  w = await fraudWorld(t);
  E.e1 = await passedEntry(t, w, 0, 0, 'A-0001');
  E.e2 = await passedEntry(t, w, 1, 0, 'A-0002');
  E.e3 = await passedEntry(t, w, 2, 1, 'B-0001');
  const u1 = await voter(t, OLD);
  const u2 = await voter(t, OLD);
  const u3 = await voter(t, OLD);
  const u4 = await voter(t, at(-120)); // 2 h old at T0
  const u5 = await voter(t, at(-30));
  const ring = [];
  for (let i = 0; i < 5; i += 1) ring.push(await voter(t, OLD));
  const e1 = E.e1;
  const e2 = E.e2;
  const e3 = E.e3;
  // T0 is 10:00 in Shanghai.
  await castVotes(t, w.campaignId, [
    { entry: e1, voterId: u1, at: at(5), ip: '10.0.0.1', deviceId: 'dev-1', level: 'none' },
    { entry: e1, voterId: u2, at: at(10), ip: '10.0.0.2', deviceId: 'dev-2', level: 'professional' },
    { entry: e2, voterId: u3, at: at(70), ip: '10.0.1.9', deviceId: 'dev-3', level: 'institution' },
    { entry: e1, voterId: u4, at: at(75), ip: '10.0.0.1', deviceId: 'dev-1', level: 'none' },
    { entry: e3, voterId: u5, at: at(80), ip: '10.0.0.1', deviceId: 'dev-4', level: 'none' },
    { entry: e2, voterId: u1, at: at(130), ip: '10.0.0.3', deviceId: 'dev-1', level: 'none' },
    // Voided earlier: counted in neither figure but the entry's voided votes.
    { entry: e3, voterId: u2, at: at(140), ip: '10.0.0.2', deviceId: 'dev-2', level: 'professional', voidId: randomUUID() },
    // Five accounts on one phone: the detector's shared-device finding.
    ...ring.map((id, i) => ({
      entry: e3,
      voterId: id,
      at: at(150 + i),
      ip: `10.0.2.${i + 1}`,
      deviceId: 'dev-ring',
      level: 'none' as const,
    })),
  ]);
});
afterAll(async () => {
  await t.close();
});

const url = () => `/api/campaigns/${w.campaignId}/voting/dashboard`;
const none = { votes: 0, weight: 0 };

describe('voting dashboard (issue 9 item 5)', () => {
  it('S0-14 the figures of a hand-made set of votes: per Beijing hour per theme, per entry by level, new accounts, top sources, the detector finding', async () => {
    const res = await w.callers.manager.get(url());
    expect(res.statusCode).toBe(200);
    const d = res.json();
    const [a, b] = [w.themes[0]?.id, w.themes[1]?.id];
    expect(d.totals).toEqual({ votes: 11, weight: 74, voters: 10, voidedVotes: 1 });
    expect(d.hourly).toEqual([
      { hour: '2026-03-02 10:00', themeId: a, votes: 2, weight: 16 },
      { hour: '2026-03-02 11:00', themeId: a, votes: 2, weight: 51 },
      { hour: '2026-03-02 11:00', themeId: b, votes: 1, weight: 1 },
      { hour: '2026-03-02 12:00', themeId: a, votes: 1, weight: 1 },
      { hour: '2026-03-02 12:00', themeId: b, votes: 5, weight: 5 },
    ]);
    expect(
      d.entries.map((e: Record<string, unknown>) => ({
        id: e.entryId,
        votes: e.votes,
        weight: e.weight,
        voided: e.voidedVotes,
        byLevel: e.byLevel,
      })),
    ).toEqual([
      {
        id: E.e2?.id,
        votes: 2,
        weight: 51,
        voided: 0,
        byLevel: { none: { votes: 1, weight: 1 }, professional: none, institution: { votes: 1, weight: 50 } },
      },
      {
        id: E.e1?.id,
        votes: 3,
        weight: 17,
        voided: 0,
        byLevel: { none: { votes: 2, weight: 2 }, professional: { votes: 1, weight: 15 }, institution: none },
      },
      {
        id: E.e3?.id,
        votes: 6,
        weight: 6,
        voided: 1,
        byLevel: { none: { votes: 6, weight: 6 }, professional: none, institution: none },
      },
    ]);
    expect(d.entries[0]).toMatchObject({ number: 'A-0002', title: '案例A-0002', themeId: a });
    // u4 (3 h 15 min old at its vote) and u5 (1 h 50 min): 2 of 11 counted votes.
    expect(d.newAccounts).toEqual({ votes: 2, voters: 2, share: 2 / 11 });
    expect(d.topIps).toEqual([
      { key: '10.0.0.1', votes: 3, voters: 3 },
      ...['10.0.0.2', '10.0.0.3', '10.0.1.9', '10.0.2.1', '10.0.2.2', '10.0.2.3', '10.0.2.4', '10.0.2.5'].map((key) => ({
        key,
        votes: 1,
        voters: 1,
      })),
    ]);
    expect(d.topSubnets).toEqual([
      { key: '10.0.2.0/24', votes: 5, voters: 5 },
      { key: '10.0.0.0/24', votes: 5, voters: 4 },
      { key: '10.0.1.0/24', votes: 1, voters: 1 },
    ]);
    expect(d.topDevices).toEqual([
      { key: 'dev-ring', votes: 5, voters: 5 },
      { key: 'dev-1', votes: 3, voters: 2 },
      { key: 'dev-2', votes: 1, voters: 1 },
      { key: 'dev-3', votes: 1, voters: 1 },
      { key: 'dev-4', votes: 1, voters: 1 },
    ]);
    expect(d.flags).toEqual([
      {
        kind: 'shared-device',
        key: 'shared-device:dev-ring',
        votes: 5,
        voters: 5,
        entryIds: [E.e3?.id],
        figures: { accounts: 5, votes: 5 },
        summary: { 'zh-CN': '5 个账号在同一设备上投了 5 票', en: '5 accounts cast 5 votes from one device' },
      },
    ]);
    expect(d.themes.map((x: { id: string }) => x.id).slice(0, 2)).toEqual([a, b]);
    expect(d.abilities).toEqual({ void: true });
  });

  const cells: Record<Caller, [number, string | null, unknown]> = {
    anonymous: [401, 'UNAUTHENTICATED', null],
    registered: [403, 'FORBIDDEN', null],
    applicant: [403, 'FORBIDDEN', null],
    screener: [200, null, 'FORBIDDEN'],
    manager: [200, null, true],
    admin: [200, null, true],
  };
  for (const caller of CALLERS) {
    const [status, code, canVoid] = cells[caller];
    it(`S0-14 permission: ${caller} → ${status}${code ? ` ${code}` : ` (void ability ${String(canVoid)})`}`, async () => {
      const res = await w.callers[caller].get(url());
      expect(res.statusCode).toBe(status);
      if (code) expect(res.json().error.code).toBe(code);
      else expect(res.json().abilities.void).toBe(canVoid);
    });
  }

  it('S0-14 an unknown campaign is NOT_FOUND, a malformed id VALIDATION_FAILED', async () => {
    const missing = await w.callers.manager.get(`/api/campaigns/${randomUUID()}/voting/dashboard`);
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'NOT_FOUND']);
    const bad = await w.callers.manager.get('/api/campaigns/nope/voting/dashboard');
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });
});
