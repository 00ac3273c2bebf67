import { type TCampaign, ZEntryRules } from '@casearena/contract';
import { asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/client.ts';
import { organizations } from '../orgs/index.ts';
import { findForm } from './campaign-forms.ts';
import { campaignTimeline } from './campaign-stage.ts';
import { campaignPhases, campaigns, campaignThemes, organizerMembers } from './campaigns.tables.ts';

export async function findCampaign(db: Queryable, id: string, now: Date): Promise<TCampaign | null> {
  const [row] = await db
    .select({ c: campaigns, organizerName: organizations.name })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizerId))
    .where(eq(campaigns.id, id));
  if (!row) return null;
  const themes = await db
    .select()
    .from(campaignThemes)
    .where(eq(campaignThemes.campaignId, id))
    .orderBy(asc(campaignThemes.position));
  const phases = await db
    .select()
    .from(campaignPhases)
    .where(eq(campaignPhases.campaignId, id))
    .orderBy(asc(campaignPhases.position));
  const form = await findForm(db, id);
  return {
    id: row.c.id,
    title: row.c.title,
    status: row.c.status,
    organizer: { id: row.c.organizerId, name: row.organizerName },
    templateKey: row.c.templateKey,
    introduction: row.c.introduction,
    eligibility: row.c.eligibility,
    eligibilityRules: row.c.eligibilityRules,
    tracks: row.c.tracks,
    entryRules: ZEntryRules.parse(row.c.entryRules), // rows saved before a rule existed get its default
    consent: row.c.consent,
    formVersion: form?.version ?? 1,
    downloads: row.c.downloads,
    themes: themes.map((t) => ({ id: t.id, code: t.code, title: t.title, directions: t.directions })),
    phases: phases.map((p) => ({
      key: p.key,
      label: p.label,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
      capabilities: p.capabilities as TCampaign['phases'][number]['capabilities'],
    })),
    // The attachment slots of the current form (what the landing page lists as materials).
    attachments: (form?.fields ?? []).flatMap((f) =>
      f.kind === 'attachment' ? [{ key: f.key, label: f.label, required: f.required, types: f.types, maxBytes: f.maxBytes }] : [],
    ),
    ...campaignTimeline(row.c.status, phases, now),
    publishedAt: row.c.publishedAt?.toISOString() ?? null,
  };
}

/** Campaigns the public may see (published or closed), newest first. */
export function listPublicCampaigns(db: Queryable, now: Date) {
  return listCampaigns(db, now, inArray(campaigns.status, ['published', 'closed']));
}

/** Campaigns a user works on: all for platform staff, else those of organizers they manage or screen for. */
export function listWorkCampaigns(db: Queryable, now: Date, userId: string, platform: boolean) {
  if (platform) return listCampaigns(db, now);
  const mine = db
    .select({ id: organizerMembers.organizationId })
    .from(organizerMembers)
    .where(eq(organizerMembers.userId, userId));
  return listCampaigns(db, now, inArray(campaigns.organizerId, mine));
}

async function listCampaigns(db: Queryable, now: Date, where?: SQL) {
  const rows = await db
    .select({ c: campaigns, organizerName: organizations.name })
    .from(campaigns)
    .innerJoin(organizations, eq(organizations.id, campaigns.organizerId))
    .where(where)
    .orderBy(asc(campaigns.createdAt));
  const phases = rows.length
    ? await db
        .select()
        .from(campaignPhases)
        .where(
          inArray(
            campaignPhases.campaignId,
            rows.map((r) => r.c.id),
          ),
        )
    : [];
  return rows.reverse().map((r) => ({
    id: r.c.id,
    title: r.c.title,
    status: r.c.status,
    organizer: { id: r.c.organizerId, name: r.organizerName },
    ...campaignTimeline(
      r.c.status,
      phases.filter((p) => p.campaignId === r.c.id).sort((a, b) => a.position - b.position),
      now,
    ),
  }));
}
