import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { signedInAs } from '../../../test/factories.ts';
import { countOf } from '../../../test/fraud-votes.ts';
import { certify, NO_VOTE_GUARD, voteKey } from '../../../test/votes.ts';
import { type Call, call, codeOf, entry } from '../../../test/voting-ranking-fixtures.ts';
import { auditEvents } from '../../platform/audit/audit.tables.ts';
import { verifyVotes } from './verify-votes.ts';
import { votes, voteVoids } from './voting.tables.ts';

/**
 * Issue 9 item 7's permission table: every kind of caller × the voting phase (before / during / after 网络投票,
 * 2022-03-16..20 Asia/Shanghai) × what they may do (vote, view counts, the organizer's dashboard, void votes). An
 * allowed cell checks what the call did (the count grew by exactly the weight; the figures shown are the stored
 * ones; the void moved exactly the voided weight); a refused cell checks the exact code and that nothing changed.
 * One campaign for the writes and one whose counts are hidden while voting runs; the fixed clock moves through the
 * phases, the cells run in order (before, during, after) on the same data.
 */
const ROLES = ['anonymous', 'registered', 'professional', 'institution', 'applicant', 'screener', 'manager', 'admin'] as const;
type Role = (typeof ROLES)[number];
const PHASES = ['before', 'during', 'after'] as const;
type Phase = (typeof PHASES)[number];
/** The last instant before 网络投票, 10:00 on its second day, the first instant after it (Shanghai). */
const AT: Record<Phase, string> = {
  before: '2022-03-15T15:59:59.999Z',
  during: '2022-03-17T02:00:00.000Z',
  after: '2022-03-20T16:00:00.000Z',
};
const STAFF: readonly Role[] = ['screener', 'manager', 'admin'];
const WEIGHT: Record<Exclude<Role, 'anonymous'>, number> = {
  registered: 1,
  professional: 15,
  institution: 50,
  applicant: 1,
  screener: 1,
  manager: 1,
  admin: 1,
};

let t: TestApp;
/** The campaign every write runs on (seed-000 rules: counts shown). */
let shown: Call;
/** The same seed-000 call with showCountsDuringPhase=false. */
let hidden: Call;
/** The applicant's own passed entry in `shown`, which everybody votes for. */
let own: { id: string; themeId: string };
let hiddenEntry: { id: string; themeId: string };
let voters: Record<'registered' | 'professional' | 'institution', { id: string; client: Client }>;
const anonymous = () => new Client(t.app);

function clientOf(c: Call, role: Role): Client {
  if (role === 'anonymous') return anonymous();
  if (role === 'registered' || role === 'professional' || role === 'institution') return voters[role].client;
  if (role === 'admin') return shown.callers.admin; // platform staff: the same person for both campaigns
  return c.callers[role];
}

beforeAll(async () => {
  process.env.VOTE_GUARD = NO_VOTE_GUARD;
  t = await startTestApp();
  t.clock.set('2022-03-14T02:00:00.000Z');
  shown = await call(t);
  hidden = await call(t, { rules: { showCountsDuringPhase: false } });
  own = await entry(t, shown, { organizationId: shown.hospitalId, authorId: shown.applicant.id });
  // Counts as the cast path leaves them (hidden's figures are only read).
  hiddenEntry = await entry(t, hidden, { count: { weight: 66, votes: 3, lastVoteAt: '2022-03-16T03:00:00.000Z' } });
  const registered = await signedInAs(t);
  const professional = await signedInAs(t);
  await certify(t, professional.user, 'professional');
  const institution = await signedInAs(t);
  await certify(t, institution.user, 'institution');
  voters = {
    registered: { id: registered.user.id, client: registered.client },
    professional: { id: professional.user.id, client: professional.client },
    institution: { id: institution.user.id, client: institution.client },
  };
}, 300_000);
afterAll(async () => {
  await t.close();
  delete process.env.VOTE_GUARD;
});

const ZERO = { weight: 0, votes: 0, voidedWeight: 0, voidedVotes: 0 };
async function figures(entryId: string) {
  const row = await countOf(t, entryId);
  return row ? { weight: row.weight, votes: row.votes, voidedWeight: row.voidedWeight, voidedVotes: row.voidedVotes } : ZERO;
}
const rowsOf = async (entryId: string) => (await t.app.ctx.db.select().from(votes).where(eq(votes.entryId, entryId))).length;
const voidRows = async (campaignId: string) =>
  t.app.ctx.db.select({ id: voteVoids.id, status: voteVoids.status }).from(voteVoids).where(eq(voteVoids.campaignId, campaignId));
const voidAudits = async () =>
  t.app.ctx.db
    .select({ data: auditEvents.data })
    .from(auditEvents)
    .where(and(eq(auditEvents.kind, 'voting.votes_voided'), eq(auditEvents.campaignId, shown.id)))
    .orderBy(asc(auditEvents.seq));

/** The vote ids of the `during` cells, by voter. */
const cast: Partial<Record<Role, { voteId: string; weight: number }>> = {};

// ---------------------------------------------------------------------------------------------------------------
// vote: POST /api/entries/:entryId/votes
const voteCell = (role: Role, phase: Phase): [number, string | null] => {
  if (phase === 'before') return [409, 'VOTING_NOT_OPEN'];
  if (phase === 'after') return [409, 'VOTING_CLOSED'];
  return role === 'anonymous' ? [401, 'UNAUTHENTICATED'] : [200, null];
};
const voteName = (role: Role, phase: Phase) => {
  const [status, code] = voteCell(role, phase);
  if (code) return `S0-14${phase === 'during' ? '' : ' X-2'} vote ${phase} voting: ${role} → ${status} ${code}, no count changes`;
  const weight = WEIGHT[role as Exclude<Role, 'anonymous'>];
  if (role === 'applicant')
    return `S0-14 vote ${phase} voting: the entry's own applicant may vote for their own entry (+${weight}; S0-14 says nothing against it, the current policy allows it)`;
  if (STAFF.includes(role))
    return `S0-14 vote ${phase} voting: ${role} votes like any signed-in voter (+${weight}; the current policy does not refuse organizer or platform staff)`;
  return `S0-14 vote ${phase} voting: ${role} → the count grows by exactly +${weight}`;
};

// ---------------------------------------------------------------------------------------------------------------
// view counts: GET /api/entries/:entryId/vote-card and the theme's leaderboard
type Variant = 'shown' | 'hidden';
const countsVisibleTo = (role: Role, phase: Phase, variant: Variant) =>
  variant === 'shown' || STAFF.includes(role) || phase === 'after';

// ---------------------------------------------------------------------------------------------------------------
// dashboard: GET /api/campaigns/:campaignId/voting/dashboard
const dashboardCell = (role: Role): [number, string | null] => {
  if (role === 'anonymous') return [401, 'UNAUTHENTICATED'];
  return STAFF.includes(role) ? [200, null] : [403, 'FORBIDDEN'];
};

// ---------------------------------------------------------------------------------------------------------------
// void: POST /api/campaigns/:campaignId/voting/voids (plan), POST .../voids/:id/apply
const voidCell = (role: Role, phase: Phase): [number, string | null] => {
  if (role === 'anonymous') return [401, 'UNAUTHENTICATED'];
  if (role !== 'manager' && role !== 'admin') return [403, 'FORBIDDEN'];
  return phase === 'before' ? [400, 'VALIDATION_FAILED'] : [201, null];
};
/** Which vote of the `during` cells each allowed void cell voids. */
const VOID_TARGET: Partial<Record<`${Phase}:${Role}`, Role>> = {
  'during:manager': 'institution',
  'during:admin': 'professional',
  'after:manager': 'registered',
  'after:admin': 'screener',
};
let pending: string | null = null;
/** A plan the manager leaves unapplied (of the applicant's vote): the refused cells try to apply it. */
async function pendingPlan(): Promise<string> {
  if (pending) return pending;
  const res = await shown.manager.post(`/api/campaigns/${shown.id}/voting/voids`, {
    reason: '待核查的投票',
    voteIds: [cast.applicant?.voteId],
  });
  expect(res.statusCode, res.body).toBe(201);
  pending = res.json().id as string;
  return pending;
}

describe('voting permission table: role × phase × action (issue 9 item 7)', () => {
  for (const phase of PHASES) {
    describe(`${phase} voting (${AT[phase]})`, () => {
      beforeAll(() => t.clock.set(AT[phase]));

      for (const role of ROLES) {
        it(voteName(role, phase), async () => {
          t.clock.set(AT[phase]);
          const [status, code] = voteCell(role, phase);
          const before = await figures(own.id);
          const rows = await rowsOf(own.id);
          const res = await clientOf(shown, role).post(`/api/entries/${own.id}/votes`, { idempotencyKey: voteKey() });
          expect([res.statusCode, codeOf(res)], res.body).toEqual([status, code]);
          if (code) {
            expect([await figures(own.id), await rowsOf(own.id)]).toEqual([before, rows]);
            return;
          }
          const weight = WEIGHT[role as Exclude<Role, 'anonymous'>];
          expect(res.json()).toMatchObject({ entryId: own.id, weight, replayed: false });
          expect(res.json().count).toEqual({
            entryId: own.id,
            weight: before.weight + weight,
            votes: before.votes + 1,
            voidedVotes: before.voidedVotes,
          });
          expect(await figures(own.id)).toEqual({ ...before, weight: before.weight + weight, votes: before.votes + 1 });
          cast[role] = { voteId: res.json().voteId, weight };
        });
      }

      for (const variant of ['shown', 'hidden'] as const) {
        for (const role of ROLES) {
          const visible = countsVisibleTo(role, phase, variant);
          const label = variant === 'shown' ? 'counts shown' : 'showCountsDuringPhase=false';
          it(`S0-14 view counts ${phase} voting (${label}): ${role} → ${visible ? 'figures present' : 'figures hidden (null count, countsShown false)'}`, async () => {
            t.clock.set(AT[phase]);
            const c = variant === 'shown' ? shown : hidden;
            const e = variant === 'shown' ? own : hiddenEntry;
            const client = clientOf(c, role);
            const stored = await figures(e.id);
            const card = await client.get(`/api/entries/${e.id}/vote-card`);
            const board = await client.get(`/api/campaigns/${c.id}/themes/${e.themeId}/leaderboard`);
            expect([card.statusCode, board.statusCode], card.body + board.body).toEqual([200, 200]);
            const row = board.json().rows.find((r: { entryId: string }) => r.entryId === e.id);
            if (visible) {
              expect(card.json().count).toEqual({
                entryId: e.id,
                weight: stored.weight,
                votes: stored.votes,
                voidedVotes: stored.voidedVotes,
              });
              expect([board.json().countsShown, row.rank, row.weight, row.votes]).toEqual([true, 1, stored.weight, stored.votes]);
            } else {
              expect(card.json().count).toBeNull();
              expect([board.json().countsShown, row.rank, row.weight, row.votes]).toEqual([false, 0, 0, 0]);
            }
          });
        }
      }

      for (const role of ROLES) {
        const [status, code] = dashboardCell(role);
        it(`S0-14 dashboard ${phase} voting: ${role} → ${status}${code ? ` ${code}` : ' with the figures of the vote rows'}`, async () => {
          t.clock.set(AT[phase]);
          const res = await clientOf(shown, role).get(`/api/campaigns/${shown.id}/voting/dashboard`);
          expect([res.statusCode, codeOf(res)], res.body).toEqual([status, code]);
          if (code) return;
          const counted = await t.app.ctx.db
            .select({ weight: votes.weight, voterId: votes.voterId })
            .from(votes)
            .where(and(eq(votes.campaignId, shown.id), isNull(votes.voidId)));
          const d = res.json();
          expect([d.totals.votes, d.totals.weight, d.totals.voters]).toEqual([
            counted.length,
            counted.reduce((s, v) => s + v.weight, 0),
            new Set(counted.map((v) => v.voterId)).size,
          ]);
          expect(d.abilities.void).toBe(role === 'screener' ? 'FORBIDDEN' : true);
        });
      }

      for (const role of ROLES) {
        const [status, code] = voidCell(role, phase);
        const target = VOID_TARGET[`${phase}:${role}`];
        const name = code
          ? role === 'manager' || role === 'admin'
            ? `X-3 void ${phase} voting: ${role} → 400 VALIDATION_FAILED (no vote to void yet), no plan made`
            : `X-3 void ${phase} voting: ${role} → ${status} ${code} to plan and to apply, no plan made, no count changes`
          : `X-3 void ${phase} voting: ${role} plans (201) and applies the void of the ${target}'s vote: the count drops by exactly +${WEIGHT[target as Exclude<Role, 'anonymous'>]}, audited`;
        it(name, async () => {
          t.clock.set(AT[phase]);
          const client = clientOf(shown, role);
          const plan = (body: object) => client.post(`/api/campaigns/${shown.id}/voting/voids`, body);
          if (code) {
            const plansBefore = await voidRows(shown.id);
            const before = await figures(own.id);
            const pendingId = phase === 'before' ? null : await pendingPlan();
            const plansNow = await voidRows(shown.id);
            const target = phase === 'before' ? { voterIds: [voters.registered.id] } : { voteIds: [cast.manager?.voteId] };
            const planned = await plan({ reason: '疑似刷票', ...target });
            expect([planned.statusCode, codeOf(planned)], planned.body).toEqual([status, code]);
            if (pendingId) {
              const applied = await client.post(`/api/campaigns/${shown.id}/voting/voids/${pendingId}/apply`);
              expect([applied.statusCode, codeOf(applied)]).toEqual([status, code]);
            }
            expect(await voidRows(shown.id)).toEqual(pendingId ? plansNow : plansBefore);
            expect(await figures(own.id)).toEqual(before);
            return;
          }
          const voided = cast[target as Role] as { voteId: string; weight: number };
          const before = await figures(own.id);
          const audits = (await voidAudits()).length;
          const planned = await plan({ reason: '同一设备多账号投票', voteIds: [voided.voteId] });
          expect([planned.statusCode, codeOf(planned)], planned.body).toEqual([201, null]);
          expect(planned.json()).toMatchObject({ status: 'planned', votes: 1, weight: voided.weight });
          expect(await figures(own.id)).toEqual(before); // a plan changes nothing
          const applied = await client.post(`/api/campaigns/${shown.id}/voting/voids/${planned.json().id}/apply`);
          expect([applied.statusCode, applied.json().status], applied.body).toEqual([200, 'applied']);
          expect(await figures(own.id)).toEqual({
            weight: before.weight - voided.weight,
            votes: before.votes - 1,
            voidedWeight: before.voidedWeight + voided.weight,
            voidedVotes: before.voidedVotes + 1,
          });
          // X-3: each applied void is audited with its reason.
          const trail = await voidAudits();
          expect([trail.length, trail.at(-1)?.data]).toEqual([
            audits + 1,
            expect.objectContaining({ voidId: planned.json().id, to: 'applied', reason: '同一设备多账号投票' }),
          ]);
        });
      }
    });
  }

  it('X-3 after the whole table: votes verify recounts every count from the rows and finds no difference', async () => {
    expect((await verifyVotes(t.app.ctx.db, shown.id)).differences).toEqual([]);
    // The pending plan was never applied: the applicant's vote still counts.
    const [applicantVote] = await t.app.ctx.db
      .select({ voidId: votes.voidId })
      .from(votes)
      .where(eq(votes.id, cast.applicant?.voteId as string));
    expect(applicantVote).toEqual({ voidId: null });
  });
});
