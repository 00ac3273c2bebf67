import { randomBytes } from 'node:crypto';
import { SEED_001_SHEET, type TRoundMaterials, type TScoreSheetSpec } from '@casearena/contract';
import { assignments, judges, judgingRounds, roundEntries } from '../src/db/schema.ts';
import type { Client, TestApp } from './app.ts';
import { applicantOf, completeEntry, organizerMember, uploadFile } from './entries.ts';
import { buildOrganization, buildUser, signIn, type TestUser } from './factories.ts';

/**
 * Judging fixtures (issue 10): rows written the way the pool's acceptance and the assignment engine write them
 * (an active judge linked to an account, a round, its entries, an assignment), straight through db/schema.ts so a
 * sheet test does not depend on the pool and assignment routes.
 */

/** Scoring is open on the test clock (T0, 2 March 2026): 专家评审 1–31 March; submissions open too, to make entries. */
export const SCORING_PHASES = [
  { key: 'submission', label: '案例申报', start: '2026-02-01', end: '2026-03-31', capabilities: ['canSubmit', 'canScreen'] },
  { key: 'preliminary', label: '专家评审', start: '2026-03-01', end: '2026-03-31', capabilities: ['canScore'] },
];

/** A seed-000 call of a fresh organizer with the phases given (default SCORING_PHASES), published by its manager. */
export async function judgingCampaign(t: TestApp, phases: object[] = SCORING_PHASES) {
  const organizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const { client: manager, user: managerUser } = await organizerMember(t, organizer.id, 'manager');
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId: organizer.id })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, { phases });
  if (saved.statusCode !== 200) throw new Error(`could not set the phases: ${saved.body}`);
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`could not publish: ${published.body}`);
  const campaign = published.json() as { id: string; themes: Array<{ id: string; code: string; title: string }> };
  return { organizer, manager, managerUser, campaign };
}

export interface PassedEntry {
  id: string;
  themeId: string;
  title: string;
  hospital: { id: string; name: string };
  owner: Client;
}

/** A passed entry of a fresh hospital in the campaign: created, completed (seed-000 form, PPT), submitted, passed. */
export async function passedEntry(
  t: TestApp,
  setup: { manager: Client; campaign: { id: string; themes: Array<{ id: string }> } },
  options: {
    themeIndex?: number;
    title?: string;
    summary?: string;
    hospitalName?: string;
    pptx?: Buffer;
    /** The PPT's file name (default case.pptx; case.ppt with OLE2 bytes for a legacy deck). */
    pptName?: string;
  } = {},
): Promise<PassedEntry> {
  const hospital = await buildOrganization(t, options.hospitalName ? { name: options.hospitalName } : {});
  const { client: owner } = await applicantOf(t, hospital.id, 'admin');
  const themeId = setup.campaign.themes[options.themeIndex ?? 0]?.id as string;
  const title = options.title ?? `评审案例${randomBytes(3).toString('hex')}`;
  const created = await owner.post(`/api/campaigns/${setup.campaign.id}/entries`, {
    themeId,
    title,
    summary: options.summary ?? `以多学科协作缩短患者等待时间${randomBytes(3).toString('hex')}。`,
  });
  if (created.statusCode !== 201) throw new Error(`could not create an entry: ${created.body}`);
  const id = created.json().id as string;
  let version = await completeEntry(owner, id);
  if (options.pptx) {
    const uploaded = await uploadFile(owner, id, 'ppt', options.pptx, options.pptName ?? 'case.pptx');
    if (uploaded.statusCode !== 200) throw new Error(`could not upload the PPT: ${uploaded.body}`);
    version = (await owner.get(`/api/entries/${id}`)).json().version;
  }
  const submitted = await owner.post(`/api/entries/${id}/submit`, { version, consent: true });
  if (submitted.statusCode !== 200) throw new Error(`could not submit: ${submitted.body}`);
  const passed = await setup.manager.post(`/api/entries/${id}/screening`, { decision: 'pass' });
  if (passed.statusCode !== 200) throw new Error(`could not pass: ${passed.body}`);
  return { id, themeId, title, hospital: { id: hospital.id, name: hospital.name }, owner };
}

/** An expert who accepted the organizer's invitation: an active judge row linked to the account. */
export async function judgeRow(t: TestApp, organizerId: string, account: Pick<TestUser, 'id' | 'name' | 'email'>) {
  const [judge] = await t.app.ctx.db
    .insert(judges)
    .values({
      organizerId,
      userId: account.id,
      name: account.name,
      email: account.email,
      status: 'active',
      invitedAt: t.clock.now(),
      answeredAt: t.clock.now(),
    })
    .returning();
  return judge as typeof judges.$inferSelect;
}

/** An active judge of the organizer with a fresh account, signed in. */
export async function activeJudge(t: TestApp, organizerId: string) {
  const user = await buildUser(t, { name: '评审专家' });
  return { judge: await judgeRow(t, organizerId, user), user, client: await signIn(t, user) };
}

export interface RoundOptions {
  status?: 'draft' | 'open' | 'closed' | 'frozen';
  blind?: boolean;
  sheet?: TScoreSheetSpec;
  materials?: Partial<TRoundMaterials>;
  opensAt?: string;
  closesAt?: string;
}

/** A round of the campaign, open by default from 1 March to 20 March 2026 (Beijing time), seed 001's sheet. */
export async function judgingRound(t: TestApp, campaignId: string, options: RoundOptions = {}) {
  const now = t.clock.now();
  const [round] = await t.app.ctx.db
    .insert(judgingRounds)
    .values({
      campaignId,
      key: `r${randomBytes(3).toString('hex')}`,
      label: '专家初评',
      ordinal: 1,
      opensAt: new Date(options.opensAt ?? '2026-02-28T16:00:00.000Z'),
      closesAt: new Date(options.closesAt ?? '2026-03-20T15:59:59.999Z'),
      status: options.status ?? 'open',
      scope: { kind: 'themes', themeIds: [] as string[] } as never,
      sheet: options.sheet ?? SEED_001_SHEET,
      materials: { fieldKeys: [], attachmentKeys: [], extraSlots: [], ...options.materials },
      blind: options.blind ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return round as typeof judgingRounds.$inferSelect;
}

/** The entry in the round and assigned to the judge, as applying an assignment plan writes it. */
export async function assign(t: TestApp, round: { id: string }, entry: { id: string; themeId: string }, judgeId: string) {
  const now = t.clock.now();
  await t.app.ctx.db
    .insert(roundEntries)
    .values({ roundId: round.id, entryId: entry.id, themeId: entry.themeId, addedAt: now })
    .onConflictDoNothing();
  const [row] = await t.app.ctx.db
    .insert(assignments)
    .values({ roundId: round.id, entryId: entry.id, judgeId, status: 'assigned', createdAt: now, updatedAt: now })
    .returning();
  return row as typeof assignments.$inferSelect;
}
