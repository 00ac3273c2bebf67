import { randomBytes } from 'node:crypto';
import type { TAwardSetState, TNoticeSettingsInput } from '@casearena/contract';
import { eq } from 'drizzle-orm';
import { awardSets, awards, notices, notifications } from '../src/db/schema.ts';
import { defaultRules } from '../src/modules/awards/index.ts';
import type { Client, TestApp } from './app.ts';
import { applicantOf, organizerMember, publishedCampaign } from './entries.ts';
import { buildOrganization, type TestUser } from './factories.ts';

/** Random CJK text, so that no two generated entries are alike. */
const distinct = (n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');

export interface NoticeEntry {
  entryId: string;
  title: string;
  themeId: string;
  organizationId: string;
  /** The live award on it (null for the entry with none). */
  awardId: string | null;
}

export interface NoticeCampaign {
  campaignId: string;
  organizerId: string;
  manager: Client;
  managerUser: TestUser;
  /** Two entries with an award each (different hospitals and themes) and one without. */
  awarded: [NoticeEntry, NoticeEntry];
  notAwarded: NoticeEntry;
}

/**
 * A published seed-000 call (set up on 10 January 2022, when its submission phase is open) with three draft entries
 * of three hospitals and the campaign's award set in `awardState` (default frozen): the set's rows are written here
 * directly, as the awards writer would after compute -> freeze (the notices tests are about the notice, not about
 * computing awards), with a 卓越 award on each of the first two entries. The manager runs the notice.
 */
export async function noticeCampaign(t: TestApp, options: { awardState?: TAwardSetState } = {}): Promise<NoticeCampaign> {
  t.clock.set('2022-01-10T02:00:00.000Z');
  const { organizer, campaign } = await publishedCampaign(t);
  const manager = await organizerMember(t, organizer.id, 'manager');
  const made: NoticeEntry[] = [];
  for (let i = 0; i < 3; i += 1) {
    const hospital = await buildOrganization(t);
    const applicant = await applicantOf(t, hospital.id, 'admin');
    const theme = campaign.themes[i % campaign.themes.length] as { id: string };
    const title = `公示测试案例${distinct(6)}`;
    const res = await applicant.client.post(`/api/campaigns/${campaign.id}/entries`, {
      themeId: theme.id,
      title,
      summary: `${distinct(40)}。`,
    });
    if (res.statusCode !== 201) throw new Error(`could not create an entry: ${res.body}`);
    made.push({ entryId: res.json().id, title, themeId: theme.id, organizationId: hospital.id, awardId: null });
  }
  const db = t.app.ctx.db;
  const at = t.clock.now();
  const state = options.awardState ?? 'frozen';
  await db.insert(awardSets).values({
    campaignId: campaign.id,
    state,
    rules: defaultRules('seed-000'),
    computedAt: state === 'draft' ? null : at,
    frozenAt: state === 'frozen' || state === 'final' ? at : null,
    createdAt: at,
    updatedAt: at,
  });
  for (const e of made.slice(0, 2)) {
    const [row] = await db
      .insert(awards)
      .values({
        campaignId: campaign.id,
        ruleKey: 'tiers',
        kind: 'tiers',
        level: 'outstanding',
        levelOrder: 0,
        labelZh: '卓越案例',
        labelEn: 'Outstanding case',
        themeId: e.themeId,
        entryId: e.entryId,
        organizationId: e.organizationId,
        figures: { value: 90, rank: 1, base: 10, cut: 2, tied: false, why: { 'zh-CN': '第 1 名', en: 'Rank 1' } },
        createdAt: at,
      })
      .returning({ id: awards.id });
    e.awardId = row?.id ?? null;
  }
  return {
    campaignId: campaign.id,
    organizerId: organizer.id,
    manager: manager.client,
    managerUser: manager.user,
    awarded: [made[0] as NoticeEntry, made[1] as NoticeEntry],
    notAwarded: made[2] as NoticeEntry,
  };
}

export const SETTINGS: Omit<TNoticeSettingsInput, 'version'> = {
  days: 7,
  dayKind: 'natural',
  contactName: '李老师',
  contactPhone: '010-12345678',
  contactEmail: 'notice@example.cn',
  body: '公示期内如有异议，请实名提出。',
};

/** Saves the settings (version 0: the first save) and publishes the notice now; returns the organizer's view. */
export async function publishNotice(manager: Client, campaignId: string, settings: Partial<typeof SETTINGS> = {}) {
  const saved = await manager.put(`/api/campaigns/${campaignId}/notice`, { version: 0, ...SETTINGS, ...settings });
  if (saved.statusCode !== 200) throw new Error(`could not save the notice: ${saved.body}`);
  const published = await manager.post(`/api/campaigns/${campaignId}/notice/actions`, {
    action: 'publish',
    version: saved.json().version,
  });
  if (published.statusCode !== 200) throw new Error(`could not publish the notice: ${published.body}`);
  return published.json();
}

/** An objection body about `entryId` under a plausible real name. */
export const objectionBody = (entryId: string, extra: object = {}) => ({
  entryId,
  realName: '张三丰',
  phone: '13900001111',
  text: `该案例的数据与已发表论文雷同，请核实。${randomBytes(3).toString('hex')}`,
  ...extra,
});

/** Moves a published notice's period into the past (for rows that need it ended without moving the shared clock). */
export async function backdateNotice(t: TestApp, campaignId: string, endsAt: Date) {
  await t.app.ctx.db
    .update(notices)
    .set({ startsAt: new Date(endsAt.getTime() - 7 * 86_400_000), endsAt })
    .where(eq(notices.campaignId, campaignId));
}

/** The user's bell (the notifications table, oldest first): template, params and link of each notice. */
export const bellOf = (t: TestApp, userId: string) =>
  t.app.ctx.db
    .select({ template: notifications.template, params: notifications.params, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(notifications.createdAt, notifications.id);
