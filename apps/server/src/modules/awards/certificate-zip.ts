import { once } from 'node:events';
import type { Writable } from 'node:stream';
import archiver from 'archiver';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { AppContext } from '../../platform/context.ts';
import { certificates } from './awards.tables.ts';
import { certificateFileName, renderCertificate, renderSetting } from './certificate-render.ts';

const PAGE = 200;
/** The zip deflates the PDFs (rendered uncompressed): in zlib's threads, so the event loop only renders. */
const ZIP_LEVEL = Number(process.env.CERT_ZIP_LEVEL ?? 1);

/**
 * GET /api/campaigns/:campaignId/certificates.zip and the benchmark (issue 12 items 4 and 7): every certificate of
 * the campaign not revoked, one PDF each, in number order, written as a zip into `out` while it is made. Memory
 * stays bounded whatever the count: certificates are read a page at a time (keyset on the serial), each PDF is
 * rendered only when the previous one has gone into the zip (archiver's `entry` event), and the zip waits while
 * `out` is full (pipe's back-pressure). The PDFs are rendered with
 * uncompressed streams and deflated by the zip, in zlib's threads, off the event loop.
 * Stops early, without error, when `out` is destroyed (the client went away). Returns the number of PDFs.
 */
export async function writeCertificatesZip(ctx: AppContext, campaignId: string, out: Writable): Promise<number> {
  const setting = await renderSetting(ctx, ctx.db, campaignId);
  const zip = archiver('zip', { zlib: { level: ZIP_LEVEL } });
  const failed = new Promise<never>((_, reject) => zip.on('error', reject));
  failed.catch(() => {});
  // The client went away: the zip would wait for a reader for ever (its buffer full), so stop instead.
  let gone = out.destroyed;
  const closed = new Promise<'closed'>((resolve) =>
    out.once('close', () => {
      gone = true;
      resolve('closed');
    }),
  );
  zip.pipe(out);
  let written = 0;
  let after = 0;
  try {
    for (;;) {
      const rows = await ctx.db
        .select()
        .from(certificates)
        .where(and(eq(certificates.campaignId, campaignId), isNull(certificates.revokedAt), gt(certificates.serial, after)))
        .orderBy(asc(certificates.serial))
        .limit(PAGE);
      for (const row of rows) {
        if (gone) break;
        const pdf = await renderCertificate(setting, row, { compress: false });
        const entered = once(zip, 'entry');
        zip.append(pdf, { name: certificateFileName(row), date: row.issuedAt });
        if ((await Promise.race([entered, failed, closed])) === 'closed') break;
        written += 1;
      }
      if (gone) {
        zip.abort();
        return written;
      }
      if (rows.length < PAGE) break;
      after = rows.at(-1)?.serial ?? after;
    }
    const finished = once(out, 'finish');
    await Promise.race([zip.finalize(), failed, closed]);
    if (!gone) await Promise.race([finished, closed]);
    return written;
  } catch (err) {
    zip.abort();
    throw err;
  }
}
