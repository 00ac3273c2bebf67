import type { Readable } from 'node:stream';
import type {
  AttachmentType,
  TAttachmentChecks,
  TFormField,
  TPptRules,
  TPptxChecks,
  TRuleProblem,
  TVideoChecks,
  TVideoRules,
} from '@casearena/contract';
import { ATTACHMENT_TYPE_LABELS } from '@casearena/contract';
import { ArchiveCorrupt, type OpenedArchive, openArchive } from '../../platform/archive/guard.ts';
import { AppError } from '../../platform/http/errors.ts';
import { type FileKind, SNIFF_BYTES, sniff } from '../../platform/storage/sniff.ts';
import { readVideo } from './mp4-rules.ts';
import { checkSlides, PPTX_PARTS } from './ppt-rules.ts';

/** Which sniffed content kind each allowed attachment type has (PPTX and DOCX are ZIP containers, PPT is OLE2). */
export const KIND_OF_TYPE: Record<AttachmentType, FileKind> = {
  pptx: 'zip',
  docx: 'zip',
  ppt: 'ole2',
  pdf: 'pdf',
  mp4: 'mp4',
  jpg: 'jpeg',
  png: 'png',
};

export function allowedKinds(types: readonly AttachmentType[]): FileKind[] {
  return [...new Set(types.map((t) => KIND_OF_TYPE[t]))];
}

export function typesLabel(types: readonly AttachmentType[]): string {
  return types.map((t) => ATTACHMENT_TYPE_LABELS[t]).join('、');
}

export interface PptxFacts {
  slides: number;
  copyrightPage: boolean;
  animatedSlides: number;
  /** The slide numbers behind these counts and the slot's rules that failed (stored in the attachment's `checks`). */
  checks?: TPptxChecks;
}

/**
 * An enforced rule that failed refuses the file (FILE_RULES_FAILED naming the first such rule and its slides);
 * warnings are only reported. Lists travel as `|`-joined params, which the contract splits to render per locale.
 */
export function refuseEnforced(problems: readonly TRuleProblem[]): void {
  const p = problems.find((x) => x.level === 'enforce');
  if (!p) return;
  throw new AppError('FILE_RULES_FAILED', {
    rule: p.rule,
    ...(p.slides ? { slides: p.slides.join('|') } : {}),
    ...(p.missing ? { missing: p.missing.join('|') } : {}),
    ...(p.limit === undefined ? {} : { limit: p.limit }),
    ...(p.found === undefined ? {} : { found: p.found }),
  });
}

async function openOffice(buffer: Buffer, types: readonly AttachmentType[]): Promise<OpenedArchive> {
  try {
    // Only the XML parts the checks read are kept; every other part is inflated once to prove its size, then dropped.
    // The slides' XML is then read on the event loop; 32 MiB of it is far more than any real deck holds.
    return await openArchive(buffer, {
      keep: PPTX_PARTS,
      limits: { maxKeptBytes: 32 * 1024 * 1024 },
    });
  } catch (err) {
    if (err instanceof ArchiveCorrupt) throw new AppError('FILE_CONTENT_INVALID', { kind: typesLabel(types), rule: 'corrupt' });
    throw err;
  }
}

/**
 * Looks inside a ZIP the slot accepts as PPTX or DOCX, through the archive guard (limits, off the event loop): a
 * bomb is refused with ARCHIVE_TOO_LARGE, a renamed archive (or a .docx sent as the PPT) with FILE_CONTENT_INVALID.
 * For a presentation it reads S0-4's facts (slides, the copyright page, animations, text sizes, the required parts)
 * and applies the slot's `rules`: an enforced rule that fails refuses the file with FILE_RULES_FAILED.
 */
export async function inspectZip(buffer: Buffer, types: readonly AttachmentType[], rules?: TPptRules): Promise<PptxFacts | null> {
  const archive = await openOffice(buffer, types);
  const contentTypes = archive.text('[Content_Types].xml') ?? '';
  const has = (name: string) => archive.entries.some((e) => e.name === name);
  const isPptx = contentTypes.includes('presentationml') && has('ppt/presentation.xml');
  const isDocx = contentTypes.includes('wordprocessingml') && has('word/document.xml');
  if (types.includes('pptx') && isPptx) {
    const checks = checkSlides(archive, rules);
    refuseEnforced(checks.problems);
    return {
      slides: checks.slides,
      copyrightPage: checks.copyrightSlides.length > 0,
      animatedSlides: checks.animatedSlides.length,
      checks,
    };
  }
  if (types.includes('docx') && isDocx) return null;
  throw new AppError('FILE_CONTENT_INVALID', {
    kind: typesLabel(types),
    rule: isDocx ? 'wordNotSlides' : 'notSlides',
  });
}

/**
 * S0-5: reads a video's duration and picture size from its moov box (the stream is read once; only the moov box is
 * held) and applies the slot's rules. A file whose moov box cannot be read fails the `readable` rule, enforced
 * whenever the slot has any video rule, since nothing else could be checked.
 */
export async function inspectMp4(source: AsyncIterable<Buffer> | Readable, rules: TVideoRules = {}): Promise<TVideoChecks> {
  const video = await readVideo(source);
  const problems: TRuleProblem[] = [];
  const any = Object.values(rules).some(Boolean);
  if (!video) {
    if (any) problems.push({ rule: 'readable', level: 'enforce' });
    refuseEnforced(problems);
    return { kind: 'mp4', durationSeconds: null, width: null, height: null, codec: null, problems };
  }
  const { durationSeconds, width, height } = video;
  // A length the file does not state cannot be checked against a maximum: that rule fails as unreadable.
  if (rules.maxSeconds && durationSeconds === null) problems.push({ rule: 'readable', level: rules.maxSeconds.level });
  else if (rules.maxSeconds && durationSeconds !== null && durationSeconds > rules.maxSeconds.seconds)
    problems.push({
      rule: 'maxSeconds',
      level: rules.maxSeconds.level,
      limit: rules.maxSeconds.seconds,
      found: Math.round(durationSeconds),
    });
  if (rules.aspectRatio) {
    const { width: w, height: h, tolerance, level } = rules.aspectRatio;
    const off = height > 0 ? Math.abs(width / height / (w / h) - 1) : 1;
    if (off > tolerance) problems.push({ rule: 'aspectRatio', level, limit: `${w}:${h}`, found: `${width}×${height}` });
  }
  if (rules.minResolution) {
    const { long, short, level } = rules.minResolution;
    if (Math.max(width, height) < long || Math.min(width, height) < short)
      problems.push({ rule: 'minResolution', level, limit: `${long}×${short}`, found: `${width}×${height}` });
  }
  refuseEnforced(problems);
  const shown = durationSeconds === null ? null : Math.round(durationSeconds * 100) / 100;
  return { kind: 'mp4', durationSeconds: shown, width, height, codec: video.codec, problems };
}

type Slot = Extract<TFormField, { kind: 'attachment' }>;

/** The largest Office file opened (in memory, on the archive worker); S0-4's PPT is at most 30 MB. */
export const MAX_OFFICE_BYTES = 256 * 1024 * 1024;

/**
 * The finish hook's one call: checks a complete upload against its slot and returns what to store with the
 * attachment (`pptx` for the screener's summary, `checks` for the details). `open` is called for each pass over the
 * file; a PPTX is at most the slot's size (S0-4: 30 MB) and is read whole, a video is streamed.
 */
export async function checkAttachment(
  open: () => Readable,
  slot: Slot,
): Promise<{ pptx: Omit<PptxFacts, 'checks'> | null; checks: TAttachmentChecks | null }> {
  const kind = sniff(await head(open()));
  if (kind === 'zip' && allowedKinds(slot.types).includes('zip')) {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of open()) {
      size += (chunk as Buffer).length;
      // An organizer may allow a large Office slot; the archive is opened in memory, so past this it is refused.
      if (size > MAX_OFFICE_BYTES) throw new AppError('FILE_TOO_LARGE', { limit: `${MAX_OFFICE_BYTES / 1024 / 1024} MB` });
      chunks.push(chunk as Buffer);
    }
    const facts = await inspectZip(Buffer.concat(chunks), slot.types, slot.pptRules);
    if (!facts) return { pptx: null, checks: null };
    const { checks, ...pptx } = facts;
    return { pptx, checks: checks ?? null };
  }
  if (kind === 'mp4' && slot.types.includes('mp4')) return { pptx: null, checks: await inspectMp4(open(), slot.videoRules) };
  return { pptx: null, checks: null };
}

async function head(stream: Readable): Promise<Buffer> {
  let bytes = Buffer.alloc(0);
  for await (const chunk of stream) {
    bytes = Buffer.concat([bytes, chunk as Buffer]);
    if (bytes.length >= SNIFF_BYTES) break;
  }
  stream.destroy();
  return bytes;
}
