// The entry listing benchmark's data set (entries-listing.ts): one published seed-000 campaign with `count` entries
// spread over its 10 themes and all statuses, from one hospital in five of the registry (count / 5 hospitals, at
// most one live entry per hospital and theme, as the database requires: a hospital enters 5 of the 10 themes on
// average). Seeded, so every run generates the same campaign.

import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
// The generator bulk-inserts rows, so it writes the tables through db/schema.ts (as seed/demo-generator.ts does)
// and takes everything else from the modules' index.ts.
import { campaignThemes, entries, organizations, users } from '../../apps/server/src/db/schema.ts';
import { changeCampaignStatus, createCampaign } from '../../apps/server/src/modules/campaigns/index.ts';
import { entrySearchColumns } from '../../apps/server/src/modules/entries/index.ts';
import { searchGrams, searchText } from '../../apps/server/src/modules/orgs/index.ts';
import type { Actor, AppContext } from '../../apps/server/src/platform/context.ts';
import { APPROACHES, hospitalNames, OUTCOMES, pickStatus, random, SUBJECTS } from './entry-data.ts';

const BATCH = 1000;

/**
 * Writes the campaign, its hospitals and its entries (search columns filled the way the server fills them) and
 * sets each theme's next number. Returns what the benchmark's cases and report name: the campaign's themes, the
 * hospitals, how many entries of each status, and a passed entry's number and hospital in theme T03.
 */
export async function generateListingCampaign(ctx: AppContext, options: { count: number }) {
  const { db } = ctx;
  const rand = random(20220315);
  const now = new Date('2022-03-15T08:00:00.000Z');

  // The author and the staff member who runs the call: one account.
  const [author] = await db
    .insert(users)
    .values({
      name: '压测申报人',
      email: 'bench-author@example.cn',
      passwordHash: 'x',
      role: 'staff',
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: users.id });
  if (!author) throw new Error('no author');
  const staff: Actor = { id: author.id, name: '压测申报人', role: 'staff', locale: 'zh-CN', organizationId: null };

  const [organizer] = await db
    .insert(organizations)
    .values({
      name: '健康界',
      aliases: ['健康界传媒'],
      kind: 'media',
      searchText: searchText(['健康界', '健康界传媒']),
      searchGrams: searchGrams(['健康界', '健康界传媒']),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: organizations.id });
  if (!organizer) throw new Error('no organizer');
  const draft = await createCampaign(ctx, staff, { templateKey: 'seed-000', organizerId: organizer.id });
  const campaign = await changeCampaignStatus({ ctx, actor: staff, id: draft.id, to: 'published' });
  const themes = campaign.themes;

  // Hospitals: one per five entries, so each enters about half of the themes.
  const hospitalCount = Math.max(100, Math.ceil(options.count / 5));
  const hospitals: Array<{ id: string; name: string }> = [];
  let orgBatch: Array<typeof organizations.$inferInsert> = [];
  const flushOrgs = async () => {
    if (orgBatch.length > 0) await db.insert(organizations).values(orgBatch);
    orgBatch = [];
  };
  for (const h of hospitalNames(hospitalCount)) {
    const id = randomUUID();
    hospitals.push({ id, name: h.name });
    orgBatch.push({
      id,
      name: h.name,
      aliases: [],
      kind: 'general_hospital',
      regionCode: h.regionCode,
      searchText: searchText([h.name]),
      searchGrams: searchGrams([h.name]),
      createdAt: now,
      updatedAt: now,
    });
    if (orgBatch.length === BATCH) await flushOrgs();
  }
  await flushOrgs();

  // Distinct (hospital, theme) slots in random order: no two live entries share one (entries_one_per_org_theme_key).
  const slots = new Uint32Array(hospitals.length * themes.length);
  for (let i = 0; i < slots.length; i += 1) slots[i] = i;
  const count = Math.min(options.count, slots.length);
  for (let i = 0; i < count; i += 1) {
    const j = i + Math.floor(rand() * (slots.length - i));
    const t = slots[i] as number;
    slots[i] = slots[j] as number;
    slots[j] = t;
  }

  const nextNumber = themes.map(() => 1);
  const statusCount: Record<string, number> = {};
  const sample: { passedNumber?: string; passedHospital?: string } = {};
  let batch: Array<typeof entries.$inferInsert> = [];
  const flush = async () => {
    if (batch.length > 0) await db.insert(entries).values(batch);
    batch = [];
  };
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  for (let i = 0; i < count; i += 1) {
    const slot = slots[i] as number;
    const themeIndex = slot % themes.length;
    const theme = themes[themeIndex];
    const hospital = hospitals[Math.floor(slot / themes.length)];
    if (!theme || !hospital) continue;
    const status = pickStatus(rand());
    statusCount[status] = (statusCount[status] ?? 0) + 1;
    // Everything but drafts was submitted once, and half the withdrawn ones were withdrawn after submission.
    const submitted = status !== 'draft' && (status !== 'withdrawn' || rand() < 0.5);
    let number: string | null = null;
    if (submitted) {
      number = `2022-${theme.code}-${String(nextNumber[themeIndex]).padStart(4, '0')}`;
      nextNumber[themeIndex] = (nextNumber[themeIndex] ?? 1) + 1;
    }
    if (status === 'passed' && themeIndex === 2 && number && number >= '2022-T03-0042' && !sample.passedNumber) {
      sample.passedNumber = number;
      sample.passedHospital = hospital.name;
    }
    const title = `${pick(APPROACHES)}${pick(SUBJECTS)}${pick(OUTCOMES)}`;
    const createdAt = new Date(Date.parse('2021-12-01T02:00:00.000Z') + Math.floor(rand() * 100 * 86_400_000));
    const submittedAt = submitted ? new Date(createdAt.getTime() + 3 * 86_400_000) : null;
    const row: typeof entries.$inferInsert = {
      campaignId: campaign.id,
      themeId: theme.id,
      organizationId: hospital.id,
      authorId: author.id,
      title,
      summary: `背景：${title}的问题与需求。目标：明确、可量化。做法：流程再造与信息化支撑。成效：等待时间显著缩短，患者满意度提升。经验：多部门协作。`,
      status,
      number,
      consentAt: submittedAt,
      createdAt,
      updatedAt: submittedAt ?? createdAt,
      submittedAt,
      dueAt: submittedAt ? new Date(submittedAt.getTime() + 2 * 86_400_000) : null,
      // Filled the way the server fills them, so the search exercises the bigram index it uses.
      ...entrySearchColumns({ title, number, organizationName: hospital.name }),
    };
    batch.push(row);
    if (batch.length === BATCH) await flush();
  }
  await flush();
  for (const [i, theme] of themes.entries()) {
    await db
      .update(campaignThemes)
      .set({ nextNumber: nextNumber[i] ?? 1 })
      .where(sql`${campaignThemes.id} = ${theme.id}`);
  }
  return { campaign, themes, hospitals, count, statusCount, sample };
}
