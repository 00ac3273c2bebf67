import { randomUUID } from 'node:crypto';
import { DEFAULT_VOTE_RULES, type EntryStatus, type TVoteRules } from '@casearena/contract';
import { entries, voteCounts, voterDays, votes } from '../src/db/schema.ts';
import { Client, type TestApp } from './app.ts';
import { applicantOf, organizerMember } from './entries.ts';
import { buildOrganization, signedInAs, type TestUser } from './factories.ts';

/**
 * Fixtures for the voting read side's tests (ranking.test.ts, vote-card.test.ts, issue 9): a seed-000 call with every
 * kind of caller, and entries, counts and vote rows put in as rows in the state the cast path leaves them (there is
 * no path to a passed entry without the whole submission and screening).
 */
export const KINDS = ['anonymous', 'user', 'applicant', 'screener', 'manager', 'admin'] as const;
export type Kind = (typeof KINDS)[number];

export interface Call {
  id: string;
  themes: Array<{ id: string; code: string }>;
  callers: Record<Kind, Client>;
  manager: Client;
  applicant: TestUser;
  hospitalId: string;
}

/** A seed-000 call with the given vote rules, published unless `draft`, and every kind of caller. */
export async function call(
  t: TestApp,
  options: { rules?: Partial<TVoteRules>; draft?: boolean; tracks?: boolean; secondThemeOnly?: boolean } = {},
): Promise<Call> {
  const organizer = await buildOrganization(t, { kind: 'health_commission', level: null, grade: null });
  const manager = await organizerMember(t, organizer.id, 'manager');
  const screener = await organizerMember(t, organizer.id, 'screener');
  const hospital = await buildOrganization(t);
  const applicant = await applicantOf(t, hospital.id, 'admin');
  const created = await manager.client.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id });
  if (created.statusCode !== 201) throw new Error(created.body);
  const id = created.json().id as string;
  const themes = created.json().themes as Array<{ id: string; code: string }>;
  if (options.tracks) {
    const tracks = [
      { key: 'county', label: '县域专区', countyLevelOnly: true },
      { key: 'city', label: '城市医院', countyLevelOnly: false },
    ];
    const res = await manager.client.patch(`/api/campaigns/${id}`, { tracks });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  const rules = { ...options.rules, ...(options.secondThemeOnly ? { themeIds: [themes[1]?.id as string] } : {}) };
  if (options.rules || options.secondThemeOnly) {
    const res = await manager.client.put(`/api/campaigns/${id}/vote-rules`, { ...DEFAULT_VOTE_RULES, ...rules });
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  if (!options.draft) {
    const res = await manager.client.post(`/api/campaigns/${id}/publish`);
    if (res.statusCode !== 200) throw new Error(res.body);
  }
  return {
    id,
    themes,
    manager: manager.client,
    applicant: applicant.user,
    hospitalId: hospital.id,
    callers: {
      anonymous: new Client(t.app),
      user: (await signedInAs(t)).client,
      applicant: applicant.client,
      screener: screener.client,
      manager: manager.client,
      admin: (await signedInAs(t, 'admin')).client,
    },
  };
}

let seq = 0;
/**
 * An entry put in as a row in the given state (through db/schema.ts, as the test helpers that bulk-load rows do),
 * with its count as the cast path leaves it. `onePerOrgTheme` is off, so one hospital may have several in a theme.
 */
export async function entry(
  t: TestApp,
  c: Call,
  o: {
    theme?: number;
    status?: EntryStatus;
    organizationId?: string;
    authorId?: string;
    trackKey?: string | null;
    count?: { weight: number; votes: number; lastVoteAt?: string; voidedVotes?: number };
  } = {},
) {
  seq += 1;
  const theme = c.themes[o.theme ?? 0] as { id: string; code: string };
  const number = `2022-${theme.code}-${String(seq).padStart(4, '0')}`;
  const organizationId = o.organizationId ?? (await buildOrganization(t)).id;
  const [row] = await t.app.ctx.db
    .insert(entries)
    .values({
      campaignId: c.id,
      themeId: theme.id,
      organizationId,
      authorId: o.authorId ?? c.applicant.id,
      title: `投票案例${seq}`,
      status: o.status ?? 'passed',
      number,
      trackKey: o.trackKey ?? null,
      onePerOrgTheme: false,
      createdAt: t.clock.now(),
      updatedAt: t.clock.now(),
    })
    .returning({ id: entries.id });
  const id = (row as { id: string }).id;
  if (o.count)
    await t.app.ctx.db.insert(voteCounts).values({
      entryId: id,
      campaignId: c.id,
      themeId: theme.id,
      weight: o.count.weight,
      votes: o.count.votes,
      voidedWeight: 0,
      voidedVotes: o.count.voidedVotes ?? 0,
      lastVoteAt: o.count.lastVoteAt ? new Date(o.count.lastVoteAt) : null,
    });
  return { id, number, organizationId, themeId: theme.id };
}

/** A counted vote row of `voterId` for the entry on a Shanghai day. */
export async function voteRow(t: TestApp, c: Call, e: { id: string; themeId: string }, voterId: string, day: string) {
  await t.app.ctx.db.insert(votes).values({
    campaignId: c.id,
    themeId: e.themeId,
    entryId: e.id,
    voterId,
    day,
    castAt: t.clock.now(),
    weight: 1,
    level: 'none',
    ip: '203.0.113.9',
    deviceId: null,
    idempotencyKey: randomUUID(),
  });
}

export const codeOf = (res: { statusCode: number; json(): { error?: { code: string } } }) =>
  res.statusCode >= 400 ? (res.json().error?.code ?? null) : null;
/** The voter's used votes of the day, as the daily cap counts them. */
export async function voterDay(t: TestApp, c: Call, voterId: string, day: string, used: number) {
  await t.app.ctx.db.insert(voterDays).values({ campaignId: c.id, voterId, day, used });
}
