import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '@casearena/contract';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { bigBomb, buildZip, forgedBomb, part, presentationParts, zeroPart } from '../../../test/zips.ts';
import { AppError } from '../http/errors.ts';
import { ARCHIVE_WORKERS, ArchiveCorrupt, MAX_QUEUED, openArchive } from './guard.ts';

const MiB = 1024 * 1024;

async function refusal(data: Buffer, limits = {}) {
  try {
    await openArchive(data, { keep: [/\.xml$/], limits });
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('the archive was accepted');
}

describe('archive guard: limits before and while inflating, off the event loop (issue 7 defect 4)', () => {
  it('opens an honest presentation and hands back the parts asked for', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('ppt/slides/slide1.xml', '<p:sld>版权声明</p:sld>');
    zip.file('ppt/media/image1.png', Buffer.alloc(50_000, 7));
    const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const archive = await openArchive(data, { keep: [/^ppt\/slides\/slide\d+\.xml$/] });
    expect(archive.entries.map((e) => [e.name, e.size])).toEqual([
      ['[Content_Types].xml', 8],
      ['ppt/', 0],
      ['ppt/slides/', 0],
      ['ppt/slides/slide1.xml', 27],
      ['ppt/media/', 0],
      ['ppt/media/image1.png', 50_000],
    ]);
    expect([...archive.parts.keys()]).toEqual(['ppt/slides/slide1.xml']);
    expect(archive.text('ppt/slides/slide1.xml')).toBe('<p:sld>版权声明</p:sld>');
    expect(archive.text('ppt/slides/slide2.xml')).toBeNull();
  });

  it('refuses the 4.7 GiB bomb by its declared part size before inflating anything', async () => {
    const bomb = bigBomb();
    expect(bomb.length).toBeLessThan(6 * MiB);
    expect(await refusal(bomb)).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'part', limit: '256 MB', found: '963 MB', name: 'ppt/media/image1.png' },
    });
  });

  it('refuses a 1.5 GiB part in a 1.6 MB file (the report’s 500) with ARCHIVE_TOO_LARGE', async () => {
    const data = buildZip([...presentationParts(), zeroPart('ppt/embeddings/oleObject1.bin', 1536)]);
    expect(data.length).toBeLessThan(1.7 * MiB);
    expect(await refusal(data)).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'part', limit: '256 MB', found: '1.5 GB', name: 'ppt/embeddings/oleObject1.bin' },
    });
  });

  it('refuses a part whose declared ratio marks a bomb, and the declared total across parts', async () => {
    const one = buildZip([zeroPart('a.bin', 100)]);
    expect(await refusal(one)).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'ratio', limit: 100, found: 1011, name: 'a.bin' },
    });
    const three = buildZip([zeroPart('a.bin', 200), zeroPart('b.bin', 200), zeroPart('c.bin', 200)]);
    expect(await refusal(three, { maxRatio: 1_000_000 })).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'total', limit: '512 MB', found: '600 MB' },
    });
  });

  it('refuses more entries than the limit from the central directory', async () => {
    const many = buildZip(Array.from({ length: 10_001 }, (_, i) => part(`f${i}.txt`, 'x')));
    expect(await refusal(many)).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'entries', limit: 10_000, found: 10_001 },
    });
  });

  it('stops a part that inflates past the size its headers declare (forged sizes)', async () => {
    expect(await refusal(forgedBomb())).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'mismatch', limit: '4 KB', found: '4 KB', name: 'ppt/media/image1.png' },
    });
  });

  it('stops a forged part even when it was not asked for, unless verifyAll is off', async () => {
    const data = forgedBomb(50);
    await expect(refusal(data)).resolves.toMatchObject({ params: { rule: 'mismatch' } });
    const archive = await openArchive(data, { keep: [/^ppt\/slides\//], limits: { verifyAll: false } });
    expect([...archive.parts.keys()]).toEqual(['ppt/slides/slide1.xml']);
  });

  it('refuses an archive whose check overruns its time, and the next archive is opened by a fresh worker', async () => {
    // Inflating 200 MiB cannot finish within 5 ms.
    expect(await refusal(buildZip([zeroPart('a.bin', 200)]), { timeoutMs: 5, maxRatio: 1_000_000 })).toEqual({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'time', limit: 0, found: 0 },
    });
    const archive = await openArchive(buildZip(presentationParts()), { keep: [/\.xml$/] });
    expect(archive.parts.size).toBe(3);
  });

  it('refuses archives beyond the workers and the waiting line with RATE_LIMITED instead of holding them', async () => {
    const small = buildZip(presentationParts());
    const total = ARCHIVE_WORKERS + MAX_QUEUED + 5;
    const settled = await Promise.allSettled(Array.from({ length: total }, () => openArchive(small, { keep: [] })));
    const codes = settled.map((r) => (r.status === 'fulfilled' ? 'opened' : (r.reason as AppError).code));
    expect(codes.filter((c) => c === 'opened')).toHaveLength(ARCHIVE_WORKERS + MAX_QUEUED);
    expect(codes.slice(ARCHIVE_WORKERS + MAX_QUEUED)).toEqual(Array(5).fill('RATE_LIMITED'));
  });

  it('throws ArchiveCorrupt for bytes that are not a ZIP archive', async () => {
    await expect(openArchive(Buffer.from('PK\u0003\u0004 not really a zip'), { keep: [] })).rejects.toBeInstanceOf(
      ArchiveCorrupt,
    );
  });

  it('names the broken rule in each language', () => {
    const params = { rule: 'part', limit: '256 MB', found: '1.5 GB', name: 'ppt/embeddings/oleObject1.bin' };
    expect(errorMessage('ARCHIVE_TOO_LARGE', 'zh-CN', params)).toBe(
      '文件已拒收：其中“ppt/embeddings/oleObject1.bin”解压后为 1.5 GB，单个部分不能超过 256 MB',
    );
    expect(errorMessage('ARCHIVE_TOO_LARGE', 'en', params)).toBe(
      'The file was refused: its part “ppt/embeddings/oleObject1.bin” expands to 1.5 GB; one part may hold at most 256 MB',
    );
  });

  it('is the only way server code opens an archive: no loadAsync, yauzl or other unzip library outside platform/archive', () => {
    const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts') && !full.includes(`${path.sep}archive${path.sep}`)) {
          const text = fs.readFileSync(full, 'utf8');
          if (/\.loadAsync\(|from 'yauzl'|from 'adm-zip'|from 'unzipper'|from 'fflate'|createInflateRaw/.test(text))
            offenders.push(path.relative(src, full));
        }
      }
    };
    walk(src);
    expect(offenders).toEqual([]);
  });
});
