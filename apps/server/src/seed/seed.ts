import { Readable } from 'node:stream';
import type { TCampaign } from '@casearena/contract';
import { sql } from 'drizzle-orm';
import { organizations } from '../db/schema.ts';
import { registerUser } from '../modules/accounts/index.ts';
import { addOrganizerMember, changeCampaignStatus, createCampaign, storeDownload } from '../modules/campaigns/index.ts';
import { createOrganization, decideCertification, requestCertification } from '../modules/orgs/index.ts';
import type { Actor, AppContext } from '../platform/context.ts';
import type { Db } from '../platform/db/client.ts';
import type { Transport } from '../platform/mail/mail.ts';
import { createOutbox } from '../platform/outbox/outbox.ts';
import { seedAwardsDemo } from './demo-awards.ts';
import { seedApplicantLiveEntries, seedDemoEntries } from './demo-entries.ts';
import { buildPptx } from './demo-files.ts';
import { seedLiveDemo } from './demo-generator.ts';
import { seedJudgingDemo } from './demo-judging.ts';
import { DEMO_ORGANIZATIONS } from './demo-organizations.ts';
import { STAGE_JUDGES, seedStageDemo } from './demo-stage.ts';
import { seedVotingDemo } from './demo-voting.ts';

/** Demo accounts, printed at start-up. Seeded only into an empty embedded database (or with SEED_DEMO=1). */
export const DEMO_ACCOUNTS = {
  staff: { email: 'staff@demo.casearena.cn', password: 'Demo12345', name: '平台审核员' },
  applicant: { email: 'applicant@demo.casearena.cn', password: 'Demo12345', name: '李医生' },
  /** Manager of the demo calls' organizer 健康界: edits its calls, adds its screeners. */
  organizer: { email: 'organizer@demo.casearena.cn', password: 'Demo12345', name: '健康界活动经理' },
  /** Screener of 健康界 only: screens the entries of its calls, nothing else. */
  screener: { email: 'screener@demo.casearena.cn', password: 'Demo12345', name: '健康界初审员' },
  /** A member of the public: votes with a registered user's +1 in the voting demo call (S0-14); filed the awards demo's objections. */
  voter: { email: 'voter@demo.casearena.cn', password: 'Demo12345', name: '王女士' },
  /** A certified medical professional of 许昌市中心医院: votes +15. */
  doctor: { email: 'doctor@demo.casearena.cn', password: 'Demo12345', name: '张护士长' },
  /** An expert in 健康界's pool: scores the preliminary round of the judging demo call, sheets in every state. */
  judge: { email: 'judge@demo.casearena.cn', password: 'Demo12345', name: '陈主任医师' },
  /** The judging demo call's lead judge (组长) of two themes: sees the panel's progress on them. */
  leadJudge: { email: 'lead-judge@demo.casearena.cn', password: 'Demo12345', name: '周教授' },
  /** Judges of the final's stage (with the two above): one is recused from a finalist of their own hospital. */
  stageJudge3: STAGE_JUDGES[0],
  stageJudge4: STAGE_JUDGES[1],
  stageJudge5: STAGE_JUDGES[2],
} as const;

/** Generated entries in the live demo call (DEMO_ENTRIES overrides; 0 skips the live call's entries). */
const demoLiveEntries = () => {
  const n = Number(process.env.DEMO_ENTRIES ?? 300);
  return Number.isInteger(n) && n >= 0 ? n : 300;
};

/** Serializes seeding across nodes that start together on one PostgreSQL (any constant; "CASE" in ASCII). */
const SEED_LOCK = 0x43415345;

/** A tiny valid PNG (1x1 pixel) standing in for a scanned licence. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Loads demo data into a database without organizations; does nothing otherwise. All of it is one transaction
 * (the use cases' own transactions become savepoints inside it), so a seed that fails midway leaves nothing and the
 * next start seeds again from scratch. Files it stored before failing stay on disk unreferenced. Mail it queued
 * (the certification notice) goes out after commit, with the outbox worker's next poll.
 */
export async function seedIfEmpty(ctx: AppContext, options: { liveEntries?: number } = {}): Promise<boolean> {
  const liveEntries = options.liveEntries ?? demoLiveEntries();
  const generated = await ctx.db.transaction(async (tx) => {
    // Nodes starting together on one PostgreSQL seed one after the other; the second finds the data there.
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`);
    const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(organizations);
    if ((row?.n ?? 0) > 0) return null;
    // Nothing may be delivered before the seed commits (and on PGlite a query outside the open transaction would
    // wait for it): a queue-only outbox, never started, writes the messages in the transaction.
    const queueOnly = createOutbox({ db: ctx.db, transport: NO_DELIVERY, clock: ctx.clock, log: ctx.log });
    return loadDemo({ ...ctx, db: tx as unknown as Db, outbox: queueOnly }, liveEntries);
  });
  if (generated === null) return false;
  ctx.log.info(
    { accounts: Object.values(DEMO_ACCOUNTS).map((a) => `${a.email} / ${a.password}`) },
    `demo data loaded: ${DEMO_ORGANIZATIONS.length} organizations, the seed-000 campaign with 10 demo cases, a live copy open for submission now with ${generated} generated entries, a copy in its public voting phase with simulated votes and planted brushing rings, a copy in its expert preliminary round with a judge pool and score sheets, a copy past that round whose draft second review asks the advancing cases (two of them the applicant's) for a presentation PPT and video, a copy on the first day of its national final with a stage of seven finalists ready to draw, a copy three weeks past its final with the awards frozen, a week of public notice with two objections decided, the results final and the certificates issued, a platform reviewer, an organizer manager and screener, an applicant (a certified institution), a certified doctor, a public voter, a judge and a lead judge (create an administrator with: npm run cli -- admin create)`,
  );
  return true;
}

const NO_DELIVERY: Transport = {
  async deliver() {
    throw new Error('the seed only queues messages');
  },
};

/**
 * A member of a demo hospital who entered its historic case (approved institution certification, like any member);
 * password Demo12345. Not in the README: the demo applicant is the account to try.
 */
async function hospitalAuthor(
  ctx: AppContext,
  staff: Actor,
  input: { email: string; hospital: string; organizationId: string },
): Promise<Actor> {
  const user = await registerUser(ctx, { email: input.email, password: 'Demo12345', name: `${input.hospital}医务部` });
  const actor = { id: user.id, name: user.name, role: 'user' as const, locale: 'zh-CN' as const };
  const request = await requestCertification(
    ctx,
    { ...actor, organizationId: null },
    { kind: 'institution', organizationId: input.organizationId, note: '医务部，负责本院案例申报' },
    { stream: Readable.from([PIXEL_PNG]), filename: '授权书.png' },
  );
  await decideCertification(ctx, { actor: staff, id: request.id, decision: 'approved' });
  return { ...actor, organizationId: input.organizationId };
}

async function loadDemo(ctx: AppContext, liveEntries: number): Promise<number> {
  const ids = new Map<string, string>();
  for (const { parent, ...org } of DEMO_ORGANIZATIONS) {
    const created = await createOrganization(ctx, null, { ...org, parentId: parent ? (ids.get(parent) ?? null) : null });
    ids.set(created.name, created.id);
  }
  const staff = await registerUser(ctx, { ...DEMO_ACCOUNTS.staff, role: 'staff' });
  const staffActor = { id: staff.id, name: staff.name, role: 'staff' as const, locale: 'zh-CN' as const, organizationId: null };
  const applicant = await registerUser(ctx, DEMO_ACCOUNTS.applicant);
  const organizer = ids.get('健康界');
  const hospital = ids.get('许昌市中心医院');
  let generated = 0;
  let live: TCampaign | null = null;
  if (organizer) {
    for (const [account, role] of [
      [DEMO_ACCOUNTS.organizer, 'manager'],
      [DEMO_ACCOUNTS.screener, 'screener'],
    ] as const) {
      await registerUser(ctx, account);
      await addOrganizerMember(ctx, staffActor, organizer, { identifier: account.email, role });
    }
    const draft = await createCampaign(ctx, staffActor, { templateKey: 'seed-000', organizerId: organizer });
    const campaign = await changeCampaignStatus({ ctx, actor: staffActor, id: draft.id, to: 'published' });
    let n = 0;
    await seedDemoEntries(ctx, campaign, ids, staffActor, async (hospital, organizationId) => {
      if (hospital === '许昌市中心医院')
        return { id: applicant.id, name: applicant.name, role: 'user', locale: 'zh-CN', organizationId };
      n += 1;
      return hospitalAuthor(ctx, staffActor, { email: `case-author-${n}@demo.casearena.cn`, hospital, organizationId });
    });
    const template = await buildPptx({ slides: 6 });
    await storeDownload(ctx, staffActor, campaign.id, {
      label: '案例PPT模板（含版权声明页）',
      filename: '案例PPT模板.pptx',
      stream: Readable.from([template]),
    });
    ({ campaign: live, entries: generated } = await seedLiveDemo(ctx, staffActor, organizer, liveEntries));
    await seedVotingDemo(ctx, staffActor, organizer);
    await seedJudgingDemo(ctx, staffActor, organizer, {
      judge: DEMO_ACCOUNTS.judge,
      leadJudge: DEMO_ACCOUNTS.leadJudge,
      ...(hospital
        ? { applicant: { id: applicant.id, name: applicant.name, role: 'user', locale: 'zh-CN', organizationId: hospital } }
        : {}),
    });
    await seedStageDemo(ctx, staffActor, organizer, {
      host: DEMO_ACCOUNTS.organizer,
      judge: DEMO_ACCOUNTS.judge,
      leadJudge: DEMO_ACCOUNTS.leadJudge,
    });
  }
  if (hospital) {
    // The demo applicant belongs to the hospital the only way anyone can: an approved institution certification,
    // which also makes them its first administrator (they can invite colleagues from 我的账号).
    const asApplicant = { id: applicant.id, name: applicant.name, role: 'user' as const, locale: 'zh-CN' as const };
    const request = await requestCertification(
      ctx,
      { ...asApplicant, organizationId: null },
      { kind: 'institution', organizationId: hospital, note: '医务部，负责本院案例申报' },
      { stream: Readable.from([PIXEL_PNG]), filename: '授权书.png' },
    );
    await decideCertification(ctx, { actor: staffActor, id: request.id, decision: 'approved' });
    // A professional request left pending, so the demo reviewer has one to decide.
    await requestCertification(
      ctx,
      { ...asApplicant, organizationId: hospital },
      { kind: 'professional', organizationId: hospital, title: '主治医师', note: '心内科' },
      { stream: Readable.from([PIXEL_PNG]), filename: '执业证书.png' },
    );
    if (live) await seedApplicantLiveEntries(ctx, live, { ...asApplicant, organizationId: hospital }, staffActor);
    // The demo doctor: a certified medical professional of the same hospital (+15 per vote, S0-14).
    const doctor = await registerUser(ctx, DEMO_ACCOUNTS.doctor);
    const asDoctor = { id: doctor.id, name: doctor.name, role: 'user' as const, locale: 'zh-CN' as const, organizationId: null };
    const professional = await requestCertification(
      ctx,
      asDoctor,
      { kind: 'professional', organizationId: hospital, title: '主管护师', note: '护理部' },
      { stream: Readable.from([PIXEL_PNG]), filename: '执业证书.png' },
    );
    await decideCertification(ctx, { actor: staffActor, id: professional.id, decision: 'approved' });
  }
  const voter = await registerUser(ctx, DEMO_ACCOUNTS.voter);
  if (organizer)
    await seedAwardsDemo(ctx, staffActor, organizer, {
      host: DEMO_ACCOUNTS.organizer,
      judge: DEMO_ACCOUNTS.judge,
      leadJudge: DEMO_ACCOUNTS.leadJudge,
      objector: { id: voter.id, name: voter.name, role: 'user', locale: 'zh-CN', organizationId: null },
    });
  return generated;
}
