import { eq, like, max, sql } from 'drizzle-orm';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns } from '../campaigns/index.ts';
import { type LiveAward, listLiveAwards, readAwardSetState } from './awards.repo.ts';
import { certificates } from './awards.tables.ts';
import { DEFAULT_WORDING, DEFAULT_WORDING_CAMPAIGN_WIDE, lockDesign } from './certificate-design.ts';
import { certificateNumber } from './certificate-number.ts';

/** The advisory lock's first key for a year's certificate serials (any constant; "CERT" in ASCII). */
const CERTIFICATE_SERIAL_LOCK = 0x43455254;

/** The wording with its placeholders filled in from the award (an unknown placeholder is left as written). */
export function fillWording(template: string, award: LiveAward, campaignTitle: string): string {
  const values: Record<string, string> = {
    recipient: award.organizationName,
    entry: award.entryTitle ?? '',
    campaign: campaignTitle,
    award: award.labelZh,
    theme: award.themeTitle ? `“${award.themeTitle}”主题` : '',
    honour: award.honourZh ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The campaign's title and the year its numbers carry (the Asia/Shanghai year the call was made). */
export async function campaignFacts(db: Queryable, campaignId: string): Promise<{ title: string; year: number }> {
  const [row] = await db
    .select({ title: campaigns.title, createdAt: campaigns.createdAt })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  if (!row) throw new AppError('NOT_FOUND');
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(row.createdAt));
  return { title: row.title, year };
}

const CHUNK = 500;

/**
 * POST …/certificates/issue (issue 12 item 4, X-7, S0-15): one certificate for each live award of the final set
 * that has none yet — idempotent, a second call issues nothing. The set must be final (WRONG_STATUS before: an
 * award may still change during the notice). Each certificate copies what it says (recipient, case, award, theme,
 * wording filled in, issuer, signature caption, layout) so later edits never change one issued; serials continue the campaign's count
 * under the design row's lock (two issuers never take one serial). One audit event certificates.issued per call
 * that issued any, with the count and the first and last number.
 */
export async function issueCertificates(input: {
  ctx: AppContext;
  actor: Actor;
  campaignId: string;
}): Promise<{ issued: number; existing: number }> {
  const { ctx, actor, campaignId } = input;
  const at = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const design = await lockDesign(tx, campaignId, at);
    const set = await readAwardSetState(tx, campaignId);
    if (set?.state !== 'final') throw new AppError('WRONG_STATUS');
    // The number is unique across campaigns (CA<year>-<serial>): the serials of a year are counted over every
    // campaign of that year, one issue at a time (a transaction lock on the year), so two calls of one year never
    // print the same number.
    const campaign = await campaignFacts(tx, campaignId);
    await tx.execute(sql`select pg_advisory_xact_lock(${CERTIFICATE_SERIAL_LOCK}::int, ${campaign.year}::int)`);
    const [awards, held, [top]] = await Promise.all([
      listLiveAwards(tx, campaignId),
      tx.select({ awardId: certificates.awardId }).from(certificates).where(eq(certificates.campaignId, campaignId)),
      tx
        .select({ serial: max(certificates.serial) })
        .from(certificates)
        .where(like(certificates.number, `CA${campaign.year}-%`)),
    ]);
    const certified = new Set(held.map((h) => h.awardId));
    const fresh = awards.filter((a) => !certified.has(a.id));
    let serial = top?.serial ?? 0;
    const rows = fresh.map((award) => {
      serial += 1;
      const template = design.wording[award.ruleKey] ?? (award.entryId ? DEFAULT_WORDING : DEFAULT_WORDING_CAMPAIGN_WIDE);
      return {
        campaignId,
        awardId: award.id,
        number: certificateNumber(campaign.year, serial),
        serial,
        recipient: award.organizationName,
        entryTitle: award.entryTitle,
        awardLabel: award.labelZh,
        themeTitle: award.themeTitle,
        wording: fillWording(template, award, campaign.title),
        issuer: design.issuer,
        signatureCaption: design.signatureCaption,
        layout: design.layout,
        issuedAt: at,
        issuedBy: actor.id,
      };
    });
    for (let i = 0; i < rows.length; i += CHUNK) await tx.insert(certificates).values(rows.slice(i, i + CHUNK));
    if (rows.length > 0)
      await appendAudit(tx, {
        kind: 'certificates.issued',
        actorId: actor.id,
        subjectType: 'campaign',
        subjectId: campaignId,
        campaignId,
        data: { count: rows.length, first: rows[0]?.number, last: rows.at(-1)?.number, designVersion: design.version },
        at,
      });
    return { issued: rows.length, existing: certified.size };
  });
}
