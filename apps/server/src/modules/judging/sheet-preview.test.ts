import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SEED_000_SHEET } from '@casearena/contract';
import { eq, like } from 'drizzle-orm';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { activeJudge, assign, judgingCampaign, judgingRound, passedEntry } from '../../../test/judging.ts';
import { files } from '../../platform/storage/storage.tables.ts';
import { convertToPdf, findSoffice } from './sheet-preview-convert.ts';

/**
 * Issue 10 item 4: a judge's PDF preview of an entry's PPTX, made with LibreOffice where it is installed, once, and
 * served with byte ranges; in a blind round made from the masked deck (S0-4). Without LibreOffice the answer is
 * PREVIEW_UNAVAILABLE, so the web offers the download. Which of the two this machine runs is in the test's name;
 * CI does not install LibreOffice.
 */
const SOFFICE = findSoffice();
let t: TestApp;
let setup: Awaited<ReturnType<typeof judgingCampaign>>;

beforeAll(async () => {
  t = await startTestApp();
  setup = await judgingCampaign(t);
}, 120_000);
afterAll(async () => t?.close());

const AUTHOR = 'Zhang Wei';
const binary = { parseAs: 'buffer' } as const;

/** A real three-slide deck (LibreOffice writes it from a flat ODP): the cover names the hospital, the last is the template's copyright page, the author is set. */
function realPptx(soffice: string, hospital: string): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'casearena-deck-'));
  try {
    const page = (n: number, text: string) =>
      `<draw:page draw:name="p${n}"><draw:frame svg:x="2cm" svg:y="2cm" svg:width="20cm" svg:height="3cm"><draw:text-box><text:p>${text}</text:p></draw:text-box></draw:frame></draw:page>`;
    writeFileSync(
      path.join(dir, 'deck.fodp'),
      '<?xml version="1.0" encoding="UTF-8"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
        'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" ' +
        'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" office:version="1.2" ' +
        'office:mimetype="application/vnd.oasis.opendocument.presentation"><office:body><office:presentation>' +
        `${page(1, `${hospital} 胸痛中心一体化救治`)}${page(2, '改进方法与实践过程')}${page(3, '版权声明：本模板版权归主办方所有')}</office:presentation></office:body></office:document>`,
    );
    execFileSync(
      soffice,
      [
        '--headless',
        '--norestore',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pptx',
        '--outdir',
        dir,
        'deck.fodp',
      ],
      { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir }, timeout: 120_000, stdio: 'ignore' },
    );
    return readFileSync(path.join(dir, 'deck.pptx'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withAuthor(deck: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(deck);
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties ' +
      'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      `<dc:creator>${AUTHOR}</dc:creator></cp:coreProperties>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Whether a PDF's bytes carry `text` as a literal or a UTF-16 hex string (how LibreOffice writes /Author). */
function pdfHas(pdf: Buffer, text: string): boolean {
  const hex = [...text].map((c) => c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')).join('');
  const raw = pdf.toString('latin1');
  return raw.includes(`(${text})`) || raw.toUpperCase().includes(hex);
}

async function assigned(deck: Buffer | undefined, blind: boolean) {
  const entry = await passedEntry(t, setup, deck ? { pptx: deck } : {});
  const judge = await activeJudge(t, setup.organizer.id);
  const round = await judgingRound(t, setup.campaign.id, { sheet: SEED_000_SHEET, blind });
  const a = await assign(t, round, entry, judge.judge.id);
  const view = (await judge.client.get(`/api/judging/assignments/${a.id}`)).json();
  const ppt = view.entry.attachments.find((f: { slot: string }) => f.slot === 'ppt');
  return {
    entry,
    judge,
    a,
    fileId: ppt.fileId as string,
    url: `/api/judging/assignments/${a.id}/files/${ppt.fileId}/preview.pdf`,
  };
}

const previews = async (fileId: string) =>
  (
    await t.app.ctx.db
      .select({ name: files.name })
      .from(files)
      .where(like(files.name, `preview-${fileId}-%`))
  ).map((f) => f.name);

describe('issue 10 item 4: PDF previews of PPT/PPTX', () => {
  it('without a LibreOffice binary a conversion is PREVIEW_UNAVAILABLE, and an empty PATH finds none', async () => {
    expect(findSoffice('')).toBeNull();
    expect(findSoffice('/nonexistent')).toBeNull();
    await expect(convertToPdf(Buffer.from('PK'), 'pptx', { binary: null })).rejects.toMatchObject({
      code: 'PREVIEW_UNAVAILABLE',
    });
  });

  it('X-4: a judge not assigned the entry gets 404 for its preview, never the file', async () => {
    const s = await assigned(undefined, false);
    const other = await activeJudge(t, setup.organizer.id);
    const res = await other.client.get(s.url);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
  }, 120_000);

  if (SOFFICE) {
    const soffice = SOFFICE;
    it(`LibreOffice installed on this machine (${soffice}): the PPTX converts once, is served with ranges, and a blind round's preview is made from the masked deck (S0-4)`, async () => {
      const hospital = `平顶山市第${Math.floor(Math.random() * 1e6)}人民医院`;
      const deck = await withAuthor(realPptx(soffice, hospital));
      const open = await assigned(deck, false);
      const first = await open.judge.client.get(open.url, binary);
      expect([first.statusCode, first.headers['content-type'], first.headers['accept-ranges']]).toEqual([
        200,
        'application/pdf',
        'bytes',
      ]);
      expect(first.headers['content-disposition']).toBe("inline; filename*=UTF-8''case.pdf");
      const pdf = first.rawPayload;
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfHas(pdf, AUTHOR)).toBe(true);
      expect(await previews(open.fileId)).toEqual([`preview-${open.fileId}-plain.pdf`]);
      // Once: the second request reads the stored PDF (same bytes, still one stored copy).
      const again = await open.judge.client.get(open.url, binary);
      expect([again.statusCode, again.rawPayload.equals(pdf)]).toEqual([200, true]);
      expect((await previews(open.fileId)).length).toBe(1);
      const part = await open.judge.client.request({ method: 'GET', url: open.url, headers: { range: 'bytes=0-4' }, ...binary });
      expect([part.statusCode, part.headers['content-range'], part.rawPayload.toString('latin1')]).toEqual([
        206,
        `bytes 0-4/${pdf.length}`,
        '%PDF-',
      ]);

      const blind = await assigned(deck, true);
      const masked = await blind.judge.client.get(blind.url, binary);
      expect([masked.statusCode, masked.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect(masked.headers['content-disposition']).toBe(`inline; filename*=UTF-8''${encodeURIComponent('案例PPT.pdf')}`);
      expect(masked.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pdfHas(masked.rawPayload, AUTHOR)).toBe(false);
      expect(await previews(blind.fileId)).toEqual([
        expect.stringMatching(new RegExp(`^preview-${blind.fileId}-masked-[0-9a-f]{16}\\.pdf$`)),
      ]);
    }, 300_000);
  } else {
    it('LibreOffice not installed on this machine: the preview answers 503 PREVIEW_UNAVAILABLE with its localized message', async () => {
      const s = await assigned(undefined, false);
      const res = await s.judge.client.get(s.url);
      expect([res.statusCode, res.json().error.code]).toEqual([503, 'PREVIEW_UNAVAILABLE']);
      expect(await previews(s.fileId)).toEqual([]);
      const stored = await t.app.ctx.db.select().from(files).where(eq(files.id, s.fileId));
      expect(stored.length).toBe(1);
    }, 120_000);
  }
});
