import type { TPptRules, TPptxChecks, TRuleProblem } from '@casearena/contract';
import type { OpenedArchive } from '../../platform/archive/guard.ts';

/** The parts of a presentation the checks read; media and layouts are never inflated into memory. */
export const PPTX_PARTS = [
  /^\[Content_Types\]\.xml$/,
  /^ppt\/presentation\.xml$/,
  /^ppt\/_rels\/presentation\.xml\.rels$/,
  /^ppt\/slides\/slide\d+\.xml$/,
];

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** A character reference outside Unicode (a forged &#99999999;) stays as written instead of throwing. */
const codePoint = (n: number, whole: string) =>
  Number.isInteger(n) && n >= 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return codePoint(Number.parseInt(e.slice(2), 16), whole);
    if (e.startsWith('#')) return codePoint(Number(e.slice(1)), whole);
    return ENTITIES[e] ?? whole;
  });

/** The smallest of many numbers without spreading them into arguments (a slide may hold 100,000 runs). */
const smallest = (values: Iterable<number>): number | null => {
  let min: number | null = null;
  for (const v of values) if (min === null || v < min) min = v;
  return min;
};

/**
 * The slide parts in presentation order: presentation.xml lists slide ids whose relationships name the files
 * (slide7.xml may be shown second). Without those lists the file numbers give the order.
 */
export function slideOrder(archive: OpenedArchive): string[] {
  const files = [...archive.parts.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  const byNumber = files.sort((a, b) => Number(a.match(/(\d+)\.xml$/)?.[1]) - Number(b.match(/(\d+)\.xml$/)?.[1]));
  const presentation = archive.text('ppt/presentation.xml') ?? '';
  const rels = archive.text('ppt/_rels/presentation.xml.rels') ?? '';
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = m[0].match(/\bId="([^"]+)"/)?.[1];
    const target = m[0].match(/\bTarget="([^"]+)"/)?.[1];
    if (id && target) targets.set(id, `ppt/${target.replace(/^\/?(ppt\/)?/, '')}`);
  }
  const ordered = [...presentation.matchAll(/<p:sldId\b[^>]*\br:id="([^"]+)"/g)]
    .map((m) => targets.get(m[1] as string))
    .filter((n): n is string => n !== undefined && archive.parts.has(n));
  return ordered.length > 0 ? [...new Set(ordered)] : byNumber;
}

interface Slide {
  number: number;
  text: string;
  animated: boolean;
  /** The smallest text run size on the slide, in points, or null when no run states one. */
  smallestPt: number | null;
}

function readSlide(xml: string, number: number): Slide {
  const text = [...xml.matchAll(/<a:t(?:\s[^>]*)?>([^<]*)<\/a:t>/g)].map((m) => decode(m[1] as string)).join(' ');
  // A run's size is `sz` on its <a:rPr>, in hundredths of a point; paragraph-end marks carry no text and are skipped.
  const sizes = [...xml.matchAll(/<a:rPr\b[^>]*\bsz="(\d+)"/g)].map((m) => Number(m[1]) / 100);
  return { number, text, animated: xml.includes('<p:timing'), smallestPt: smallest(sizes) };
}

const numbers = (slides: Slide[], keep: (s: Slide) => boolean) => slides.filter(keep).map((s) => s.number);

/**
 * S0-4: what the slides show against the slot's rules. Facts are always reported (slide numbers are 1-based in
 * presentation order); a rule the campaign did not set produces no problem.
 */
export function checkSlides(archive: OpenedArchive, rules: TPptRules = {}): TPptxChecks {
  const slides = slideOrder(archive).map((name, i) => readSlide(archive.text(name) ?? '', i + 1));
  const copyrightText = rules.copyrightPage?.text ?? '版权';
  const minPt = rules.minFontPt?.pt;
  const parts = (rules.requiredParts?.parts ?? []).map((p) => ({
    key: p.key,
    label: p.label,
    slides: numbers(slides, (s) => p.keywords.some((k) => s.text.includes(k))),
  }));
  const checks: TPptxChecks = {
    kind: 'pptx',
    slides: slides.length,
    copyrightSlides: numbers(slides, (s) => s.text.includes(copyrightText)),
    animatedSlides: numbers(slides, (s) => s.animated),
    smallTextSlides: minPt === undefined ? [] : numbers(slides, (s) => s.smallestPt !== null && s.smallestPt < minPt),
    smallestPt: smallest(slides.flatMap((s) => (s.smallestPt === null ? [] : [s.smallestPt]))),
    parts,
    problems: [],
  };
  const problems: TRuleProblem[] = [];
  if (rules.copyrightPage && checks.copyrightSlides.length === 0)
    problems.push({ rule: 'copyrightPage', level: rules.copyrightPage.level, limit: copyrightText });
  if (rules.noAnimations && checks.animatedSlides.length > 0)
    problems.push({ rule: 'noAnimations', level: rules.noAnimations.level, slides: checks.animatedSlides });
  if (rules.minFontPt && checks.smallTextSlides.length > 0)
    problems.push({
      rule: 'minFontPt',
      level: rules.minFontPt.level,
      slides: checks.smallTextSlides,
      limit: rules.minFontPt.pt,
      found: checks.smallestPt ?? 0,
    });
  const missing = parts.filter((p) => p.slides.length === 0).map((p) => p.label);
  if (rules.requiredParts && missing.length > 0)
    problems.push({ rule: 'requiredParts', level: rules.requiredParts.level, missing });
  checks.problems = problems;
  return checks;
}
