import { z } from 'zod';
import { ability } from './abilities.ts';
import { code } from './fields.ts';

/**
 * Certificates (issue 12 item 4; X-7, S0-15): a PDF per award and recipient, in Chinese with an embedded font shipped
 * through npm (a server without Chinese fonts renders the same), the organizer's seal image, a signature line, a
 * certificate number and a QR code plus short link to a public verification page that shows what the certificate
 * says — and "revoked" if it was. Issued once the award set is final; revocation is audited.
 *
 * A certificate number is `CA` + the campaign's 4-digit year + a 6-digit serial + a check letter, e.g.
 * CA2026-000123-K; the verification link carries the number and a short code (an HMAC of the number under the
 * server's secret), so a guessed or altered number is refused as not found.
 */
export const CERTIFICATE_LAYOUTS = ['classic', 'modern', 'simple'] as const;
export const ZCertificateLayout = z.enum(CERTIFICATE_LAYOUTS);
export type TCertificateLayout = z.infer<typeof ZCertificateLayout>;

export const CERTIFICATE_NUMBER_PATTERN = /^CA\d{4}-\d{6}-[A-Z]$/;
export const ZCertificateNumber = z.string().regex(CERTIFICATE_NUMBER_PATTERN, code('INVALID'));

const ZUuid = z.string().uuid(code('INVALID'));

/**
 * The wording per award rule: placeholders {recipient} {entry} {campaign} {award} {theme} {honour}. The default
 * (zh-CN): "{recipient}：\n你单位申报的案例《{entry}》在{campaign}中荣获{theme}{award}。特发此证，以资鼓励。"
 */
export const ZCertificateWording = z.string().trim().min(4, code('REQUIRED')).max(400, code('TOO_LONG'));

/** PUT /api/campaigns/:campaignId/certificates/design (the organizer's manager). */
export const ZCertificateDesignInput = z.object({
  layout: ZCertificateLayout,
  /** The issuing body printed above the signature line, e.g. 国家卫生健康委医院管理研究所. */
  issuer: z.string().trim().min(2, code('REQUIRED')).max(60, code('TOO_LONG')),
  /** The signature line's caption (e.g. 主办单位（盖章）) and the date printed (Asia/Shanghai day of issue if null). */
  signatureCaption: z.string().trim().max(40, code('TOO_LONG')).default('主办单位（盖章）'),
  /** Wording per rule key; a rule without one uses the default. */
  wording: z.record(z.string(), ZCertificateWording).default({}),
});
export type TCertificateDesignInput = z.infer<typeof ZCertificateDesignInput>;

export const ZCertificateDesign = ZCertificateDesignInput.extend({
  campaignId: ZUuid,
  /** Whether a seal image was uploaded (PUT …/certificates/seal, PNG, at most 1 MB). */
  hasSeal: z.boolean(),
  version: z.number().int(),
});
export type TCertificateDesign = z.infer<typeof ZCertificateDesign>;

export const ZCertificate = z.object({
  id: ZUuid,
  number: ZCertificateNumber,
  awardId: ZUuid,
  campaignId: ZUuid,
  recipient: z.string(),
  entryTitle: z.string().nullable(),
  awardLabel: z.string(),
  themeTitle: z.string().nullable(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
  /** The public verification address (short link), e.g. https://host/v/CA2026-000123-K.3f9a1c. */
  verifyUrl: z.string(),
  abilities: z.object({ revoke: ability(['FORBIDDEN', 'WRONG_STATUS']) }),
});
export type TCertificate = z.infer<typeof ZCertificate>;

/** POST /api/campaigns/:campaignId/certificates/issue: one certificate per award not yet certified (idempotent). */
export const ZIssueCertificatesResult = z.object({ issued: z.number().int(), existing: z.number().int() });

/** POST /api/certificates/:certificateId/revoke. */
export const ZRevokeCertificateInput = z.object({
  reason: z.string().trim().min(2, code('REASON_REQUIRED')).max(500, code('TOO_LONG')),
});

/** GET /api/public/certificates/:number?code=…: what the certificate says, or that it was revoked. */
export const ZCertificateVerification = z.object({
  number: ZCertificateNumber,
  status: z.enum(['valid', 'revoked']),
  campaignTitle: z.string(),
  recipient: z.string(),
  entryTitle: z.string().nullable(),
  awardLabel: z.string(),
  themeTitle: z.string().nullable(),
  issuer: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  revokeReason: z.string().nullable(),
});
export type TCertificateVerification = z.infer<typeof ZCertificateVerification>;

/** GET /api/campaigns/:campaignId/certificates: the campaign's certificates in number order, and whether to issue. */
export const ZCertificateList = z.object({
  certificates: z.array(ZCertificate),
  /** Live awards of the final set without a certificate yet (what POST …/issue would issue). */
  pending: z.number().int(),
  abilities: z.object({ issue: ability(['FORBIDDEN', 'WRONG_STATUS']) }),
});
export type TCertificateList = z.infer<typeof ZCertificateList>;
