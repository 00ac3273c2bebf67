import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../platform/http/errors.ts';

/**
 * PPT/PPTX to PDF with LibreOffice headless (issue 10 item 4), where it is installed. Each conversion runs in a
 * fresh temporary directory with its own LibreOffice profile and HOME, an environment holding only PATH (no proxy
 * settings, so nothing is fetched), one at a time per process (the machine's cores serve requests too), and is killed
 * with its whole process group when it outlives its time. Where LibreOffice is missing, or the deck does not convert,
 * the answer is PREVIEW_UNAVAILABLE and the web offers the download instead.
 */

export const CONVERT_TIMEOUT_MS = 120_000;
const BINARIES = ['soffice', 'libreoffice'];

export type Deck = 'pptx' | 'ppt';
/** Decks a preview is made of: the stored file's sniffed type, which the name's extension must match. */
const DECKS: Record<string, Deck> = { 'application/zip': 'pptx', 'application/x-ole-storage': 'ppt' };

/** A PPTX or PPT by its sniffed type and its name (a zip named .docx is none), else null. */
export function deckOf(file: { name: string; type: string }): Deck | null {
  const deck = DECKS[file.type];
  return deck && file.name.toLowerCase().endsWith(`.${deck}`) ? deck : null;
}

/** The first `soffice` or `libreoffice` on the PATH given (the process's by default), else null. */
export function findSoffice(searchPath: string = process.env.PATH ?? ''): string | null {
  for (const dir of searchPath.split(path.delimiter).filter(Boolean))
    for (const name of BINARIES) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  return null;
}

let queue: Promise<unknown> = Promise.resolve();
/** One conversion at a time: each waits for the one before, whatever its outcome. */
function serially<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work, work);
  queue = run.catch(() => undefined);
  return run;
}

function run(binary: string, args: string[], cwd: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, {
      cwd,
      detached: true,
      stdio: 'ignore',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, LANG: 'zh_CN.UTF-8' },
    });
    const timer = setTimeout(() => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
      reject(new Error(`LibreOffice did not finish in ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`LibreOffice exited with ${code}`));
    });
  });
}

/**
 * The deck as a PDF. `ext` is how LibreOffice recognises the format. PREVIEW_UNAVAILABLE without LibreOffice, on a
 * timeout, or when no PDF comes out (a deck LibreOffice cannot read).
 */
export async function convertToPdf(
  deck: Buffer,
  ext: Deck,
  options: { binary?: string | null; timeoutMs?: number } = {},
): Promise<Buffer> {
  const binary = options.binary === undefined ? findSoffice() : options.binary;
  if (!binary) throw new AppError('PREVIEW_UNAVAILABLE');
  return serially(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'casearena-preview-'));
    try {
      const input = path.join(dir, `deck.${ext}`);
      await writeFile(input, deck);
      await run(
        binary,
        [
          '--headless',
          '--norestore',
          '--nologo',
          '--nodefault',
          '--nolockcheck',
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        dir,
        options.timeoutMs ?? CONVERT_TIMEOUT_MS,
      );
      const pdf = await readFile(path.join(dir, 'deck.pdf'));
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF');
      return pdf;
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('PREVIEW_UNAVAILABLE');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
}

/** What makes the PDF previews: LibreOffice in production, a stand-in in tests. */
export interface PdfConverter {
  /** Whether any deck can be converted here. Asked for every file a judge's view lists, so it must be cheap. */
  available(): boolean;
  /** The deck as a PDF, or PREVIEW_UNAVAILABLE. */
  convert(deck: Buffer, ext: Deck): Promise<Buffer>;
}

/**
 * LibreOffice, looked for on the PATH once, when first asked, and remembered for the life of the process (installing
 * it later takes a restart).
 */
export function libreOffice(searchPath?: string): PdfConverter {
  let found: string | null | undefined;
  const binary = () => {
    if (found === undefined) found = findSoffice(searchPath);
    return found;
  };
  return {
    available: () => binary() !== null,
    convert: (deck, ext) => convertToPdf(deck, ext, { binary: binary() }),
  };
}

let converter: PdfConverter = libreOffice();

/** The converter in use (LibreOffice unless a test put another in place). */
export const pdfConverter = (): PdfConverter => converter;

/** For tests: puts `next` in place of the converter; the function returned puts back the one before. */
export function usePdfConverter(next: PdfConverter): () => void {
  const before = converter;
  converter = next;
  return () => {
    converter = before;
  };
}

/**
 * Whether a file a judge's view lists has a PDF preview (the view's `pdfPreview`, and the preview route's only
 * test): a PPTX or PPT, not a blind round's legacy .ppt (it cannot be masked, BLIND_FILE_UNMASKABLE), on a server
 * that converts.
 */
export function previewable(file: { name: string; type: string }, blind: boolean): boolean {
  const deck = deckOf(file);
  return deck !== null && !(blind && deck === 'ppt') && converter.available();
}
