import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { recordFile } from '../../platform/storage/files.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { blindNames } from './blind.ts';
import { listedFile, parseRange } from './sheet-files.ts';
import { maskPptx } from './sheet-pptx.ts';
import { type Deck, deckOf, pdfConverter, previewable } from './sheet-preview-convert.ts';

/** A PDF preview is at most this large (a deck's PDF is usually a few MB). */
const MAX_PDF_BYTES = 200 * 1024 * 1024;

export interface JudgePreview {
  name: string;
  size: number;
  range: { start: number; end: number } | null;
  body: Readable;
}

async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

function slice(stream: Readable, start: number, end: number): Readable {
  let at = 0;
  return stream.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        const from = Math.max(0, start - at);
        const to = Math.min(chunk.length, end + 1 - at);
        at += chunk.length;
        if (to > from) this.push(chunk.subarray(from, to));
        if (at > end) {
          this.push(null);
          stream.destroy();
        }
        done();
      },
    }),
  );
}

/** Single flight per stored preview on this node: a second request waits for the conversion under way. */
const inFlight = new Map<string, Promise<string>>();

/**
 * The stored preview's file id, made on first demand. The preview of a blind round's deck is made from the masked
 * copy (sheet-pptx.ts), and its name carries a digest of the names masked, so a preview made before the entry's
 * people changed is not served after. Two nodes converting at once store two copies; the older one is served.
 */
async function previewFileId(
  ctx: AppContext,
  source: typeof files.$inferSelect,
  ext: Deck,
  deck: () => Promise<Buffer>,
  variant: string,
) {
  const name = `preview-${source.id}-${variant}.pdf`;
  const existing = async () =>
    (
      await ctx.db
        .select({ id: files.id })
        .from(files)
        .where(and(eq(files.name, name), isNull(files.ownerId)))
        .orderBy(asc(files.createdAt))
        .limit(1)
    )[0]?.id;
  const found = await existing();
  if (found) return found;
  const pending = inFlight.get(name);
  if (pending) return pending;
  const work = (async () => {
    const pdf = await pdfConverter().convert(await deck(), ext);
    const blob = await ctx.storage.put(Readable.from([pdf]), { maxBytes: MAX_PDF_BYTES, allowed: ['pdf'], allowedLabel: 'PDF' });
    return (await existing()) ?? recordFile(ctx.db, blob, { ownerId: null, name, at: ctx.clock.now() });
  })().finally(() => inFlight.delete(name));
  inFlight.set(name, work);
  return work;
}

/**
 * GET …/assignments/:assignmentId/files/:fileId/preview.pdf (issue 10 item 4): a PDF of a PPT/PPTX the judge's view
 * of the entry lists, under the file route's policy (anything else NOT_FOUND, X-4), made once with LibreOffice and
 * stored beside the deck, served with byte ranges. In a blind round the masked deck is converted (S0-4), and a
 * legacy .ppt, which cannot be masked, has no preview. PREVIEW_UNAVAILABLE when there is none (the view flagged the
 * file `pdfPreview: false`, or the conversion failed): the web offers the download.
 */
export async function judgePreview(input: {
  ctx: AppContext;
  actor: Actor;
  assignmentId: string;
  fileId: string;
  range?: string;
}): Promise<JudgePreview> {
  const { ctx } = input;
  const { state, view, listed, file } = await listedFile(input);
  // The rule the view's `pdfPreview` flag is (sheet-preview-convert.ts): a file flagged false has no preview here.
  const source = { name: listed.name, type: file.type };
  const ext = deckOf(source);
  if (!ext || !previewable(source, state.round.blind)) throw new AppError('PREVIEW_UNAVAILABLE');
  const original = async () => streamToBuffer(await ctx.storage.open(file.storageKey));
  let id: string;
  if (state.round.blind) {
    const names = blindNames(view);
    const digest = createHash('sha256')
      .update(JSON.stringify([...names].sort()))
      .digest('hex')
      .slice(0, 16);
    id = await previewFileId(ctx, file, ext, async () => maskPptx(await original(), { names }), `masked-${digest}`);
  } else id = await previewFileId(ctx, file, ext, original, 'plain');
  const [pdf] = await ctx.db.select().from(files).where(eq(files.id, id));
  if (!pdf) throw new AppError('INTERNAL');
  const range = parseRange(input.range, pdf.size);
  const stream = await ctx.storage.open(pdf.storageKey);
  return {
    name: `${listed.name.replace(/\.pptx?$/i, '')}.pdf`,
    size: pdf.size,
    range,
    body: range ? slice(stream, range.start, range.end) : stream,
  };
}
