import type { TCertificate, TCertificateList, TCertificateVerification } from '@casearena/contract';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { AppError } from '../../platform/http/errors.ts';
import { campaigns } from '../campaigns/index.ts';
import { awardsAccess, whyNotIssue } from './awards.policy.ts';
import { readAwardSetState } from './awards.repo.ts';
import { awards, certificates } from './awards.tables.ts';
import { whyNotRevoke } from './certificate.policy.ts';
import { certificateKey, codeMatches, validNumber, verifyUrl } from './certificate-number.ts';

export type CertificateRow = typeof certificates.$inferSelect;

/** A certificate with the recipient organization of its award (who, besides the organizer, may download it). */
export async function loadCertificate(db: Queryable, certificateId: string) {
  const [row] = await db
    .select({ c: certificates, organizationId: awards.organizationId })
    .from(certificates)
    .innerJoin(awards, eq(awards.id, certificates.awardId))
    .where(eq(certificates.id, certificateId));
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export function presentCertificate(ctx: Pick<AppContext, 'config'>, row: CertificateRow, organizer: boolean): TCertificate {
  return {
    id: row.id,
    number: row.number,
    awardId: row.awardId,
    campaignId: row.campaignId,
    recipient: row.recipient,
    entryTitle: row.entryTitle,
    awardLabel: row.awardLabel,
    themeTitle: row.themeTitle,
    issuedAt: row.issuedAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    revokeReason: row.revokeReason,
    verifyUrl: verifyUrl(ctx.config.publicUrl, certificateKey(ctx.config), row.number),
    abilities: { revoke: whyNotRevoke(organizer, row) ?? true },
  };
}

/** GET …/certificates (the organizer's manager): every certificate in number order, the awards still pending. */
export async function listCertificates(ctx: AppContext, campaignId: string): Promise<TCertificateList> {
  const [rows, set, [live]] = await Promise.all([
    ctx.db.select().from(certificates).where(eq(certificates.campaignId, campaignId)).orderBy(asc(certificates.serial)),
    readAwardSetState(ctx.db, campaignId),
    ctx.db
      .select({ n: count() })
      .from(awards)
      .leftJoin(certificates, eq(certificates.awardId, awards.id))
      .where(and(eq(awards.campaignId, campaignId), isNull(awards.removedAt), isNull(certificates.id))),
  ]);
  const state = set?.state ?? 'draft';
  return {
    certificates: rows.map((r) => presentCertificate(ctx, r, true)),
    pending: state === 'final' ? (live?.n ?? 0) : 0,
    abilities: { issue: whyNotIssue(true, state) ?? true },
  };
}

/** Who may download a certificate: the organizer's manager (or the platform) and the recipient organization's members. */
export async function mayDownload(db: Queryable, actor: Actor, row: { c: CertificateRow; organizationId: string }) {
  return actor.organizationId === row.organizationId || (await awardsAccess(db, actor, row.c.campaignId));
}

/**
 * GET /api/public/certificates/:number?code=… (anyone, the QR link's page): what the certificate says, or that it
 * was revoked, when and why. A malformed number, a wrong check letter, a code that is not the number's HMAC or a
 * number never issued are all the same CERTIFICATE_INVALID (404): the answer reveals nothing about which.
 */
export async function verifyCertificate(ctx: AppContext, number: string, code: string): Promise<TCertificateVerification> {
  if (!validNumber(number) || !codeMatches(certificateKey(ctx.config), number, code)) throw new AppError('CERTIFICATE_INVALID');
  const [row] = await ctx.db
    .select({ c: certificates, campaignTitle: campaigns.title })
    .from(certificates)
    .innerJoin(campaigns, eq(campaigns.id, certificates.campaignId))
    .where(eq(certificates.number, number));
  if (!row) throw new AppError('CERTIFICATE_INVALID');
  const { c } = row;
  return {
    number: c.number,
    status: c.revokedAt ? 'revoked' : 'valid',
    campaignTitle: row.campaignTitle,
    recipient: c.recipient,
    entryTitle: c.entryTitle,
    awardLabel: c.awardLabel,
    themeTitle: c.themeTitle,
    issuer: c.issuer,
    issuedAt: c.issuedAt.toISOString(),
    revokedAt: c.revokedAt?.toISOString() ?? null,
    revokeReason: c.revokeReason,
  };
}
