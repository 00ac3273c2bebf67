import { type Readable, Transform } from 'node:stream';
import { eq } from 'drizzle-orm';
import type { Actor, AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { blindNames, judgeEntryView } from './blind.ts';
import { maskPptx } from './sheet-pptx.ts';
import { judgeEntryInput, loadJudgeAssignment } from './sheet-repo.ts';

const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

export interface JudgeFile {
  /** The name the judge's view gives it (a blind round's: the slot's label, never the uploaded name). */
  name: string;
  type: string;
  size: number;
  /** 206 with `Content-Range` when a byte range was asked and served. */
  range: { start: number; end: number } | null;
  body: Readable | Buffer;
}

async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** The bytes `start..end` (both included) of a stream. */
function slice(stream: Readable, start: number, end: number): Readable {
  let at = 0;
  const cut = new Transform({
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
  });
  return stream.pipe(cut);
}

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` within the size, else null (the whole file is sent). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '') || size === 0) return null;
  const start = m[1] === '' ? Math.max(0, size - Number(m[2])) : Number(m[1]);
  const end = m[1] === '' || m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  return start <= end && start < size ? { start, end } : null;
}

/**
 * A file the judge's view of the assigned entry lists, with the assignment and that view: the one gate of the file
 * and preview routes (NOT_FOUND for a file the view does not list, whatever else it is).
 */
export async function listedFile(input: { ctx: AppContext; actor: Actor; assignmentId: string; fileId: string }) {
  const { ctx } = input;
  const state = await loadJudgeAssignment(ctx.db, input.actor, input.assignmentId);
  const view = await judgeEntryInput(ctx.db, state.round, state.assignment.entryId);
  const listed = judgeEntryView(view).attachments.find((a) => a.fileId === input.fileId);
  if (!listed) throw new AppError('NOT_FOUND');
  const [file] = await ctx.db.select().from(files).where(eq(files.id, listed.fileId));
  if (!file) throw new AppError('NOT_FOUND');
  return { state, view, listed, file };
}

/**
 * A file of an assigned entry, as this judge may get it (issue 10 item 4): only a file the judge's view of the entry
 * lists (the round's materials), else NOT_FOUND; named as the view names it; a blind round's PPTX as a masked copy
 * (sheet-pptx.ts: the cover and the copyright page blanked, names masked, S0-4), any other file streamed, with a
 * byte range when asked (video played from any point on a phone).
 */
export async function judgeFile(input: {
  ctx: AppContext;
  actor: Actor;
  assignmentId: string;
  fileId: string;
  range?: string;
}): Promise<JudgeFile> {
  const { ctx } = input;
  const { state, view, listed, file } = await listedFile(input);
  const pptx = listed.name.toLowerCase().endsWith('.pptx') && file.type === 'application/zip';
  // A legacy .ppt is one binary stream whose cover and copyright pages cannot be blanked here, so a blind round
  // does not serve it whole (S0-4): the judge is told why, and the organizer can ask for a .pptx.
  if (state.round.blind && !pptx && listed.name.toLowerCase().endsWith('.ppt')) throw new AppError('BLIND_FILE_UNMASKABLE');
  if (state.round.blind && pptx) {
    const masked = await maskPptx(await streamToBuffer(await ctx.storage.open(file.storageKey)), { names: blindNames(view) });
    return { name: listed.name, type: PPTX_TYPE, size: masked.length, range: null, body: masked };
  }
  const range = parseRange(input.range, file.size);
  const stream = await ctx.storage.open(file.storageKey);
  return {
    name: listed.name,
    type: pptx ? PPTX_TYPE : file.type,
    size: file.size,
    range,
    body: range ? slice(stream, range.start, range.end) : stream,
  };
}
