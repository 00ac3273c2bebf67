import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { registerUser } from '../modules/accounts/register-user.ts';
import { createCampaign, storeDownload, transitionCampaign } from '../modules/campaigns/index.ts';
import { createOrganization, decideCertification, requestCertification } from '../modules/orgs/index.ts';
import { organizations } from '../modules/orgs/orgs.tables.ts';
import type { AppContext } from '../platform/context.ts';
import { seedDemoEntries } from './demo-entries.ts';
import { buildPptx } from './demo-files.ts';
import { seedLiveDemo } from './demo-generator.ts';
import { DEMO_ORGANIZATIONS } from './demo-organizations.ts';

/** Demo accounts, printed at start-up. Seeded only into an empty embedded database (or with SEED_DEMO=1). */
export const DEMO_ACCOUNTS = {
  staff: { email: 'staff@demo.casearena.cn', password: 'Demo12345', name: '平台审核员' },
  applicant: { email: 'applicant@demo.casearena.cn', password: 'Demo12345', name: '李医生' },
} as const;

/** Generated entries in the live demo call (DEMO_ENTRIES overrides; 0 skips the live call's entries). */
const DEMO_LIVE_ENTRIES = Number(process.env.DEMO_ENTRIES ?? 300);

/** A tiny valid PNG (1x1 pixel) standing in for a scanned licence. */
const PIXEL_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

/** Loads demo data into a database without organizations; does nothing otherwise. */
export async function seedIfEmpty(ctx: AppContext): Promise<boolean> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(organizations);
  if ((row?.n ?? 0) > 0) return false;
  const ids = new Map<string, string>();
  for (const { parent, ...org } of DEMO_ORGANIZATIONS) {
    const created = await createOrganization(ctx, null, { ...org, parentId: parent ? (ids.get(parent) ?? null) : null });
    ids.set(created.name, created.id);
  }
  const staff = await registerUser(ctx, { ...DEMO_ACCOUNTS.staff, role: 'staff' });
  const staffActor = { id: staff.id, name: staff.name, role: 'staff' as const, locale: 'zh-CN' as const, organizationId: null };
  const applicant = await registerUser(ctx, DEMO_ACCOUNTS.applicant);
  const organizer = ids.get('健康界');
  let generated = 0;
  if (organizer) {
    const draft = await createCampaign(ctx, staffActor, { templateKey: 'seed-000', organizerId: organizer });
    const campaign = await transitionCampaign(ctx, { actor: staffActor, id: draft.id, from: 'draft', to: 'published' });
    await seedDemoEntries(ctx, campaign, ids, staffActor, applicant.id);
    const template = await buildPptx({ slides: 6 });
    await storeDownload(ctx, staffActor, campaign.id, {
      label: '案例PPT模板（含版权声明页）',
      filename: '案例PPT模板.pptx',
      stream: Readable.from([template]),
    });
    generated = await seedLiveDemo(ctx, staffActor, organizer, DEMO_LIVE_ENTRIES);
  }
  const hospital = ids.get('许昌市中心医院');
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
  }
  ctx.log.info(
    { accounts: Object.values(DEMO_ACCOUNTS).map((a) => `${a.email} / ${a.password}`) },
    `demo data loaded: ${DEMO_ORGANIZATIONS.length} organizations, the seed-000 campaign with 10 demo cases, a live copy open for submission now with ${generated} generated entries, a platform reviewer and an applicant (create an administrator with: npm run cli -- admin create)`,
  );
  return true;
}
