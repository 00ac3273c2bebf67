/**
 * Presentations built part by part with JSZip, shaped as PowerPoint writes them: presentation.xml lists the slides
 * by relationship id (so the shown order may differ from the file numbers), a slide has a title placeholder and text
 * runs with sizes in hundredths of a point, and an animated slide carries a p:timing tree.
 */
import JSZip from 'jszip';

export interface TestSlide {
  title: string;
  body?: string[];
  /** Point size of each body run (default 18). */
  pt?: number;
  animated?: boolean;
}

const NS =
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function slideXml(s: TestSlide): string {
  const run = (text: string, pt: number) =>
    `<a:r><a:rPr lang="zh-CN" sz="${Math.round(pt * 100)}"/><a:t>${xmlText(text)}</a:t></a:r>`;
  const title = `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title"/><p:cNvSpPr/><p:nvPr><p:ph type="title"/></p:nvPr></p:nvSpPr><p:txBody><a:p>${run(s.title, 32)}</a:p></p:txBody></p:sp>`;
  const body = (s.body ?? []).map((text) => `<a:p>${run(text, s.pt ?? 18)}<a:endParaRPr sz="1000"/></a:p>`).join('');
  const timing = s.animated
    ? '<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" nodeType="tmRoot"/></p:par></p:tnLst></p:timing>'
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><p:sld ${NS}><p:cSld><p:spTree>${title}<p:sp><p:txBody>${body}</p:txBody></p:sp></p:spTree></p:cSld>${timing}</p:sld>`;
}

/** `order` lists file numbers in the order shown (default 1..n). */
export async function buildDeck(slides: readonly TestSlide[], order?: readonly number[]): Promise<Buffer> {
  const zip = new JSZip();
  const shown = order ?? slides.map((_, i) => i + 1);
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/></Types>',
  );
  const ids = shown.map((n, i) => `<p:sldId id="${256 + i}" r:id="rId${n + 1}"/>`).join('');
  zip.file('ppt/presentation.xml', `<p:presentation ${NS}><p:sldIdLst>${ids}</p:sldIdLst></p:presentation>`);
  const rels = slides
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slide" Target="slides/slide${i + 1}.xml"/>`,
    )
    .join('');
  zip.file(
    'ppt/_rels/presentation.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
  );
  slides.forEach((s, i) => {
    zip.file(`ppt/slides/slide${i + 1}.xml`, slideXml(s));
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A deck that passes every S0-4 rule of seed 000: a copyright page and the five parts, text >= 14 pt, no animation. */
export const GOOD_DECK: TestSlide[] = [
  { title: '日间手术中心建设', body: ['版权声明：本模板版权归主办方所有'] },
  { title: '拟解决问题', body: ['患者等待住院时间长'] },
  { title: '计划达成目标', body: ['平均住院日缩短 30%'] },
  { title: '改进方法与实践过程', body: ['一、流程再造', '二、信息化支撑'] },
  { title: '量化效果与价值', body: ['平均住院日由 6.2 天降至 4.1 天'], pt: 14 },
  { title: '经验总结', body: ['多部门协同是关键'] },
];
