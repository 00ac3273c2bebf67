import JSZip from 'jszip';
import { ArchiveCorrupt, openArchive } from '../../platform/archive/guard.ts';
import { AppError } from '../../platform/http/errors.ts';
import { MASK, scrubber } from './blind.ts';

/** What a masked slide shows instead of its own content. */
export const MASKED_SLIDE_TEXT = '（盲评：本页可能含申报单位信息，已隐去）';

const SLIDE = /^ppt\/slides\/slide\d+\.xml$/;
const NOTES = /^ppt\/notesSlides\/notesSlide\d+\.xml$/;
const number = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

const blankSlide = (text: string) =>
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<p:sld xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"><p:cSld><p:spTree>' +
  '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>' +
  '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Masked"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>' +
  '<p:spPr><a:xfrm><a:off x="457200" y="2286000"/><a:ext cx="8229600" cy="1143000"/></a:xfrm>' +
  '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/>' +
  `<a:p><a:r><a:rPr lang="zh-CN" sz="2400"/><a:t>${text}</a:t></a:r></a:p></p:txBody></p:sp>` +
  '</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>';

/** Slide parts in presentation order (presentation.xml's slide list through its relationships; else file numbers). */
async function slideOrder(zip: JSZip): Promise<string[]> {
  const files = Object.keys(zip.files)
    .filter((n) => SLIDE.test(n))
    .sort((a, b) => number(a) - number(b));
  const presentation = (await zip.file('ppt/presentation.xml')?.async('string')) ?? '';
  const rels = (await zip.file('ppt/_rels/presentation.xml.rels')?.async('string')) ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) targets.set(id, `ppt/${target.replace(/^\/?(ppt\/)?/, '')}`);
  }
  const ordered = [...presentation.matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)]
    .map((m) => targets.get(m[1] as string))
    .filter((n): n is string => n !== undefined && files.includes(n));
  return ordered.length > 0 ? [...new Set(ordered)] : files;
}

const textOf = (xml: string) => [...xml.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('');

/**
 * The deck's parts, inflated by the archive guard (its limits, off the event loop; never JSZip.loadAsync on stored
 * bytes), put into a new archive to be masked and written. The file passed the same guard when it was uploaded; a
 * deck that no longer opens is FILE_CONTENT_INVALID, never a 500.
 */
async function openThroughGuard(bytes: Buffer): Promise<JSZip> {
  try {
    const archive = await openArchive(bytes, { keep: [/^/], limits: { maxKeptBytes: 256 * 1024 * 1024 } });
    const zip = new JSZip();
    for (const [name, part] of archive.parts) if (!name.endsWith('/')) zip.file(name, part);
    return zip;
  } catch (err) {
    if (err instanceof ArchiveCorrupt) throw new AppError('FILE_CONTENT_INVALID', { kind: 'PPTX', rule: 'corrupt' });
    throw err;
  }
}

/**
 * A blind round's copy of an entry's PPTX (S0-4: the cover and the copyright page name the hospital). The first
 * slide (the cover) and every slide carrying the copyright text are replaced by a blank slide saying so, their
 * pictures unlinked; the unit's and its people's names, phones and emails are masked in the text of every other slide
 * and of the speaker notes; the file's author, last editor, company and manager properties are emptied. The
 * original file is never changed: this copy is made for the judge's download.
 */
export async function maskPptx(bytes: Buffer, input: { names: readonly string[]; copyrightText?: string }): Promise<Buffer> {
  const zip = await openThroughGuard(bytes);
  const scrub = scrubber(input.names);
  const copyright = input.copyrightText ?? '版权';
  const order = await slideOrder(zip);
  for (const [i, name] of order.entries()) {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    if (i === 0 || textOf(xml).includes(copyright)) {
      zip.file(name, blankSlide(MASKED_SLIDE_TEXT));
      const rels = name.replace(/slides\/(slide\d+\.xml)$/, 'slides/_rels/$1.rels');
      const relsXml = await zip.file(rels)?.async('string');
      // Keep only the layout: the cover's logo and photos go with it.
      if (relsXml !== undefined)
        zip.file(
          rels,
          relsXml.replace(/<Relationship\b[^>]*\/>/g, (r) => (/relationships\/slideLayout"/.test(r) ? r : '')),
        );
    } else {
      zip.file(
        name,
        xml.replace(/(<a:t(?:\s[^>]*)?>)([^<]*)(<\/a:t>)/g, (_m, a, t, b) => a + scrub(t) + b),
      );
    }
  }
  for (const name of Object.keys(zip.files).filter((n) => NOTES.test(n))) {
    const xml = (await zip.file(name)?.async('string')) ?? '';
    zip.file(
      name,
      xml.replace(/(<a:t(?:\s[^>]*)?>)([^<]*)(<\/a:t>)/g, (_m, a, t, b) => a + scrub(t) + b),
    );
  }
  for (const name of ['docProps/core.xml', 'docProps/app.xml']) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) continue;
    zip.file(
      name,
      xml.replace(
        /<((?:dc:creator|cp:lastModifiedBy|Company|Manager))(\s[^>]*)?>[^<]*<\/\1>/g,
        (_m, tag, attrs = '') => `<${tag}${attrs}>${MASK}</${tag}>`,
      ),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
