import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
// A bulk loader (tens of thousands of voters with sessions), so it writes the tables through db/schema.ts as
// bench/ and seed/demo-generator.ts do, and takes everything else from the modules' index.ts.
import { campaignPhases, entries, organizations, sessions, users } from '../src/db/schema.ts';
import { changeCampaignStatus, createCampaign } from '../src/modules/campaigns/index.ts';
import { entrySearchColumns } from '../src/modules/entries/index.ts';
import { searchGrams, searchText } from '../src/modules/orgs/index.ts';
import { shanghaiDate, shanghaiMidnight } from '../src/platform/clock/index.ts';
import type { Actor, AppContext } from '../src/platform/context.ts';

/**
 * The data of a vote storm (bench/votes.ts, test/vote-durability.test.ts): a published seed-000 call whose voting
 * phase runs at `now`, `hospitals` hospitals with one passed entry in each of its 10 themes, and `voters` registered
 * accounts, each signed in (a session row; the cookie carries the token, the row only its SHA-256, as
 * platform/auth/sessions.ts stores it) on a phone of their own (a device cookie) and an address of their own, each in
 * a /24 of its own (`ips`, for X-Forwarded-For from a trusted proxy): a storm of honest voters, below every threshold
 * of the vote guard. One CSRF token serves every voter: the double-submit check only compares the cookie with the
 * header.
 */
export interface VoteStorm {
  campaignId: string;
  entryIds: string[];
  voterIds: string[];
  /** The `cookie` header of each voter (session, CSRF, device), in voterIds' order. */
  cookies: string[];
  /** Each voter's address (10.x.y.1, a /24 each), to send as X-Forwarded-For through TRUSTED_PROXIES=127.0.0.1. */
  ips: string[];
  csrf: string;
}

const BATCH = 1000;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function loadVoteStorm(
  ctx: AppContext,
  options: {
    voters: number;
    hospitals: number;
    /**
     * Moves the template's voting phase to run from the start of this instant's Shanghai day for two days (a server on
     * the real clock); absent, the template's dates are kept (a clock set inside them).
     */
    votingAround?: Date;
  },
): Promise<VoteStorm> {
  const { db } = ctx;
  const now = ctx.clock.now();
  const [author] = await db
    .insert(users)
    .values({
      name: '投票压测员',
      email: `storm-${randomUUID()}@example.cn`,
      passwordHash: 'x',
      role: 'staff',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  if (!author) throw new Error('no author');
  const staff: Actor = { id: author.id, name: '投票压测员', role: 'staff', locale: 'zh-CN', organizationId: null };
  const [organizer] = await db
    .insert(organizations)
    .values({
      name: `健康界${randomUUID().slice(0, 8)}`,
      aliases: [],
      kind: 'media',
      searchText: searchText(['健康界']),
      searchGrams: searchGrams(['健康界']),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: organizations.id });
  if (!organizer) throw new Error('no organizer');
  const draft = await createCampaign(ctx, staff, { templateKey: 'seed-000', organizerId: organizer.id });
  const campaign = await changeCampaignStatus({ ctx, actor: staff, id: draft.id, to: 'published' });
  if (options.votingAround) {
    const start = shanghaiMidnight(shanghaiDate(options.votingAround));
    await db
      .update(campaignPhases)
      .set({ startsAt: start, endsAt: new Date(start.getTime() + 2 * 86_400_000 - 1) })
      .where(and(eq(campaignPhases.campaignId, campaign.id), eq(campaignPhases.key, 'voting')));
  }

  const hospitalRows = Array.from({ length: options.hospitals }, (_, i) => {
    const name = `压测第${i + 1}人民医院${randomUUID().slice(0, 4)}`;
    return {
      id: randomUUID(),
      name,
      aliases: [],
      kind: 'general_hospital',
      searchText: searchText([name]),
      searchGrams: searchGrams([name]),
      createdAt: now,
      updatedAt: now,
    };
  });
  for (let i = 0; i < hospitalRows.length; i += BATCH) await db.insert(organizations).values(hospitalRows.slice(i, i + BATCH));

  const entryIds: string[] = [];
  const entryRows: Array<typeof entries.$inferInsert> = [];
  for (const [h, hospital] of hospitalRows.entries()) {
    for (const theme of campaign.themes) {
      const id = randomUUID();
      entryIds.push(id);
      const number = `2022-${theme.code}-${String(h + 1).padStart(4, '0')}`;
      const title = `压测案例${theme.code}-${h + 1}`;
      entryRows.push({
        id,
        campaignId: campaign.id,
        themeId: theme.id,
        organizationId: hospital.id,
        authorId: author.id,
        title,
        summary: '背景、目标、做法、成效。',
        status: 'passed',
        number,
        consentAt: now,
        createdAt: now,
        updatedAt: now,
        submittedAt: now,
        ...entrySearchColumns({ title, number, organizationName: hospital.name }),
      });
    }
  }
  for (let i = 0; i < entryRows.length; i += BATCH) await db.insert(entries).values(entryRows.slice(i, i + BATCH));

  // Accounts registered a month before the vote (older than any minimum account age the rules may set).
  const registered = new Date(now.getTime() - 30 * 86_400_000);
  const expires = new Date(now.getTime() + 14 * 86_400_000);
  const voterIds: string[] = [];
  const cookies: string[] = [];
  const ips: string[] = [];
  const csrf = randomBytes(24).toString('base64url');
  const tag = randomBytes(3).toString('hex');
  for (let i = 0; i < options.voters; i += BATCH) {
    const n = Math.min(BATCH, options.voters - i);
    const userRows = Array.from({ length: n }, (_, k) => ({
      id: randomUUID(),
      name: `投票人${i + k + 1}`,
      email: `voter-${tag}-${i + k + 1}@example.cn`,
      passwordHash: 'x',
      createdAt: registered,
      updatedAt: registered,
    }));
    await db.insert(users).values(userRows);
    const tokens = userRows.map(() => randomBytes(32).toString('base64url'));
    await db.insert(sessions).values(
      userRows.map((u, k) => ({
        tokenHash: tokenHash(tokens[k] as string),
        userId: u.id,
        createdAt: now,
        expiresAt: expires,
        lastSeenAt: now,
      })),
    );
    for (const [k, u] of userRows.entries()) {
      voterIds.push(u.id);
      const v = i + k;
      cookies.push(`ca_session=${tokens[k]}; ca_csrf=${csrf}; ca_device=${randomBytes(16).toString('base64url')}`);
      ips.push(`10.${(v >> 8) & 255}.${v & 255}.${1 + (v >> 16)}`);
    }
  }
  await db.execute(sql`analyze`);
  return { campaignId: campaign.id, entryIds, voterIds, cookies, ips, csrf };
}

/**
 * The i-th (voter, entry) pair of a storm: voter i mod V, entry ((i div V)·(V+1) + i mod V) mod E. Distinct for
 * every i < V·E when gcd(V+1, E) = 1, and consecutive requests spread over the entries instead of all hitting one.
 */
export function stormPair(i: number, voters: number, entries: number): { voter: number; entry: number } {
  const voter = i % voters;
  const round = Math.floor(i / voters);
  return { voter, entry: (round * (voters + 1) + voter) % entries };
}
