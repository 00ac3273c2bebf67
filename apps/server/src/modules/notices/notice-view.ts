import type { TPublicNotice } from '@casearena/contract';
import type { Actor } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type LiveAward, listLiveAwards, readAwardSetState } from '../awards/index.ts';
import { noticePhase } from './notice-period.ts';
import { isOrganizer, type NoticeFacts, noticeAbilities } from './notices.policy.ts';
import { campaignTitle, findNotice, type NoticeRow, objectionCounts } from './notices.repo.ts';

/** Campaign-wide awards (最佳组织奖, 最佳管理奖) belong to no theme; the page shows them under this heading. */
export const CAMPAIGN_WIDE_TITLE = '综合奖项';

/** What the policy decides the notice's steps on, read now. */
export async function noticeFacts(db: Queryable, campaignId: string, notice: NoticeRow | null, now: Date): Promise<NoticeFacts> {
  const [awards, counts] = await Promise.all([readAwardSetState(db, campaignId), objectionCounts(db, campaignId)]);
  return {
    phase: noticePhase(notice, now),
    saved: notice !== null,
    awards: awards?.state ?? null,
    openObjections: counts.open,
    closedObjections: counts.closed,
  };
}

/** The live awards grouped by theme in the order listLiveAwards gives (theme position, rule, level, position). */
export function themesOf(awards: readonly LiveAward[]): TPublicNotice['themes'] {
  const themes = new Map<string | null, TPublicNotice['themes'][number]>();
  for (const a of awards) {
    let theme = themes.get(a.themeId);
    if (!theme) {
      theme = { themeId: a.themeId, title: a.themeTitle ?? CAMPAIGN_WIDE_TITLE, awards: [] };
      themes.set(a.themeId, theme);
    }
    theme.awards.push({
      awardId: a.id,
      label: { 'zh-CN': a.labelZh, en: a.labelEn },
      entryId: a.entryId,
      entryNumber: a.entryNumber,
      entryTitle: a.entryTitle,
      organizationName: a.organizationName,
    });
  }
  return [...themes.values()];
}

/**
 * The notice as a caller sees it (ZPublicNotice): the settings, the phase now (an open notice past its end reads
 * `ended` before any write says so), the awards on notice, the objections as counts only (never who filed them) and
 * the caller's abilities. A notice not yet published is NOT_FOUND on the public page (`publicOnly`), its awards
 * are not public yet; the organizer sees the draft with its preview.
 */
export async function noticeView(
  db: Queryable,
  input: { actor: Actor | null; campaignId: string; now: Date; publicOnly: boolean },
): Promise<TPublicNotice> {
  const { campaignId, now } = input;
  const title = await campaignTitle(db, campaignId);
  const notice = await findNotice(db, campaignId);
  const organizer = await isOrganizer(db, input.actor, campaignId);
  const facts = await noticeFacts(db, campaignId, notice, now);
  if (input.publicOnly && facts.phase === 'draft' && !organizer) throw new AppError('NOT_FOUND');
  const awards = await listLiveAwards(db, campaignId);
  return {
    campaignId,
    campaignTitle: title,
    state: facts.phase,
    version: notice?.version ?? 0,
    days: notice?.days ?? 7,
    dayKind: notice?.dayKind ?? 'natural',
    startsAt: notice?.startsAt?.toISOString() ?? null,
    endsAt: notice?.endsAt?.toISOString() ?? null,
    contactName: notice?.contactName ?? '',
    contactPhone: notice?.contactPhone ?? '',
    contactEmail: notice?.contactEmail ?? null,
    body: notice?.body ?? '',
    openObjections: facts.openObjections,
    closedObjections: facts.closedObjections,
    themes: themesOf(awards),
    abilities: noticeAbilities(organizer, input.actor !== null, facts),
  };
}
