import { shanghaiDate } from '../../platform/clock/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db/client.ts';
import { loadDesign, readStoredFile } from './certificate-design.ts';
import { campaignFacts } from './certificate-issue.ts';
import { certificateKey, verifyUrl } from './certificate-number.ts';
import { type CertificateContent, renderCertificatePdf } from './certificate-pdf.ts';
import { type PreparedSeal, sealOf } from './certificate-seal.ts';
import type { CertificateRow } from './certificate-views.ts';

/** The Asia/Shanghai day as a certificate prints it: 2026年3月2日. */
export function printedDay(at: Date): string {
  const [year, month, day] = shanghaiDate(at).split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

/** What the PDFs of one campaign share: the design's seal, the campaign's title, the key. */
export interface RenderSetting {
  seal: PreparedSeal | null;
  campaignTitle: string;
  key: Buffer;
  publicUrl: string | undefined;
}

export async function renderSetting(
  ctx: Pick<AppContext, 'config' | 'storage'>,
  db: Queryable,
  campaignId: string,
): Promise<RenderSetting> {
  const [design, campaign] = await Promise.all([loadDesign(db, campaignId), campaignFacts(db, campaignId)]);
  const sealFileId = design.sealFileId;
  const seal = sealFileId ? await sealOf(sealFileId, () => readStoredFile(ctx, db, sealFileId)) : null;
  return { seal, campaignTitle: campaign.title, key: certificateKey(ctx.config), publicUrl: ctx.config.publicUrl };
}

/** A certificate's PDF: what was copied at issue (wording, issuer, signature caption, layout), the design's seal now. */
export function renderCertificate(
  setting: RenderSetting,
  row: CertificateRow,
  options: { compress?: boolean } = {},
): Promise<Buffer> {
  const content: CertificateContent = {
    layout: row.layout,
    number: row.number,
    text: row.wording,
    campaignTitle: setting.campaignTitle,
    issuer: row.issuer,
    signatureCaption: row.signatureCaption,
    issuedOn: printedDay(row.issuedAt),
    verifyUrl: verifyUrl(setting.publicUrl, setting.key, row.number),
  };
  return renderCertificatePdf(content, setting.seal, options);
}

/** The file name of a certificate in downloads and the zip: the number and the recipient, path-safe. */
export function certificateFileName(row: Pick<CertificateRow, 'number' | 'recipient'>): string {
  const safe = [...row.recipient].map((ch) => ((ch.codePointAt(0) ?? 0) < 0x20 || /[\\/:*?"<>|\s]/.test(ch) ? '_' : ch));
  const recipient = safe.join('').slice(0, 40);
  return `${row.number}-${recipient}.pdf`;
}
