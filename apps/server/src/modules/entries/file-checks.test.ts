import { Readable } from 'node:stream';
import { errorMessage, SEED_000_TEMPLATE, type TFormField, type TPptRules, ZFormField } from '@casearena/contract';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildMp4 } from '../../../test/mp4s.ts';
import { buildDeck, GOOD_DECK, type TestSlide } from '../../../test/pptx.ts';
import { bigBomb, forgedBomb } from '../../../test/zips.ts';
import { AppError } from '../../platform/http/errors.ts';
import { checkAttachment, inspectMp4, inspectZip } from './file-checks.ts';

type Slot = Extract<TFormField, { kind: 'attachment' }>;
const slotOf = (key: string) => {
  const field = ZFormField.parse(SEED_000_TEMPLATE.form.find((f) => f.key === key));
  if (field.kind !== 'attachment') throw new Error(key);
  return field as Slot;
};
const PPT = slotOf('ppt');
const VIDEO = slotOf('video');
const PPT_RULES = PPT.pptRules as TPptRules;
const warnAll: TPptRules = {
  copyrightPage: { level: 'warn', text: '版权' },
  noAnimations: { level: 'warn' },
  minFontPt: { level: 'warn', pt: 14 },
  requiredParts: { level: 'warn', parts: PPT_RULES.requiredParts?.parts ?? [] },
};

async function refused(work: Promise<unknown>) {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('accepted');
}

const deck = (change: (slides: TestSlide[]) => void) => {
  const slides = GOOD_DECK.map((s) => ({ ...s }));
  change(slides);
  return buildDeck(slides);
};

describe('S0-4 PPT rules from the template, with the slide numbers that fail', () => {
  it('S0-4 a deck meeting every rule of seed 000 passes with its facts', async () => {
    const facts = await inspectZip(await buildDeck(GOOD_DECK), PPT.types, PPT_RULES);
    expect(facts).toEqual({
      slides: 6,
      copyrightPage: true,
      animatedSlides: 0,
      checks: {
        kind: 'pptx',
        slides: 6,
        copyrightSlides: [1],
        animatedSlides: [],
        smallTextSlides: [],
        smallestPt: 14,
        parts: [
          { key: 'problem', label: '拟解决问题（1~2页）', slides: [2] },
          { key: 'goals', label: '计划达成目标（1~2页）', slides: [3] },
          { key: 'methods', label: '改进方法与实践过程（10~15页）', slides: [4] },
          { key: 'results', label: '量化效果与价值（2~3页）', slides: [5] },
          { key: 'lessons', label: '经验总结或注意事项（1~2页）', slides: [6] },
        ],
        problems: [],
      },
    });
  });

  it('S0-4 seed 000 enforces the copyright page: a deck without it is refused with FILE_RULES_FAILED', async () => {
    const data = await deck((s) => {
      s[0] = { title: '日间手术中心建设', body: ['某某医院'] };
    });
    expect(await refused(inspectZip(data, PPT.types, PPT_RULES))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'copyrightPage', limit: '版权' },
    });
    expect(errorMessage('FILE_RULES_FAILED', 'zh-CN', { rule: 'copyrightPage', limit: '版权' })).toBe(
      '文件不符合本活动的要求：未找到含“版权”的版权声明页，请保留模板中的版权声明页',
    );
    // As a warning the same deck is kept, the failure reported.
    const facts = await inspectZip(data, PPT.types, warnAll);
    expect(facts?.checks?.problems).toEqual([{ rule: 'copyrightPage', level: 'warn', limit: '版权' }]);
  });

  it('S0-4 animated slides are reported by number, in presentation order, and refused when enforced', async () => {
    const slides = GOOD_DECK.map((s, i) => ({ ...s, animated: i === 2 || i === 4 }));
    // Shown order 1,2,5,4,3,6: file slide5 is shown third, file slide3 fifth.
    const data = await buildDeck(slides, [1, 2, 5, 4, 3, 6]);
    const warned = await inspectZip(data, PPT.types, PPT_RULES);
    expect(warned?.animatedSlides).toBe(2);
    expect(warned?.checks?.problems).toEqual([{ rule: 'noAnimations', level: 'warn', slides: [3, 5] }]);
    expect(await refused(inspectZip(data, PPT.types, { noAnimations: { level: 'enforce' } }))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'noAnimations', slides: '3|5' },
    });
    expect(errorMessage('FILE_RULES_FAILED', 'en', { rule: 'noAnimations', slides: '3|5' })).toBe(
      'The file does not meet this call’s rules: slides 3, 5 are animated',
    );
  });

  it('S0-4 text below 14 pt (run sz in hundredths of a point) is reported per slide; 14 pt itself passes', async () => {
    const data = await deck((s) => {
      s[3] = { ...(s[3] as TestSlide), pt: 12 };
      s[5] = { ...(s[5] as TestSlide), pt: 10.5 };
    });
    const facts = await inspectZip(data, PPT.types, PPT_RULES);
    expect([facts?.checks?.smallTextSlides, facts?.checks?.smallestPt]).toEqual([[4, 6], 10.5]);
    expect(facts?.checks?.problems).toEqual([{ rule: 'minFontPt', level: 'warn', slides: [4, 6], limit: 14, found: 10.5 }]);
    expect(await refused(inspectZip(data, PPT.types, { ...PPT_RULES, minFontPt: { level: 'enforce', pt: 14 } }))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'minFontPt', slides: '4|6', limit: 14, found: 10.5 },
    });
  });

  it('S0-4 the five required parts are found by words on any slide; the missing ones are named', async () => {
    const data = await deck((s) => {
      s.splice(2, 1); // no goals
      s[s.length - 1] = { title: '结语', body: ['谢谢'] }; // no lessons
    });
    const facts = await inspectZip(data, PPT.types, PPT_RULES);
    expect(facts?.checks?.problems).toEqual([
      { rule: 'requiredParts', level: 'warn', missing: ['计划达成目标（1~2页）', '经验总结或注意事项（1~2页）'] },
    ]);
    const enforced = {
      requiredParts: { ...(PPT_RULES.requiredParts as NonNullable<TPptRules['requiredParts']>), level: 'enforce' as const },
    };
    const refusal = await refused(inspectZip(data, PPT.types, enforced));
    expect(refusal).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'requiredParts', missing: '计划达成目标（1~2页）|经验总结或注意事项（1~2页）' },
    });
    expect(errorMessage('FILE_RULES_FAILED', 'zh-CN', refusal.params)).toBe(
      '文件不符合本活动的要求：未找到以下内容：计划达成目标（1~2页）、经验总结或注意事项（1~2页）',
    );
  });

  it('S0-4 without rules the facts are still read and nothing is refused', async () => {
    const facts = await inspectZip(await deck((s) => s.splice(0, 1)), PPT.types);
    expect(facts).toMatchObject({ slides: 5, copyrightPage: false, checks: { problems: [], parts: [] } });
  });

  it('S0-4 hostile slide XML (a character reference outside Unicode, 150,000 sized runs) is read, not a 500', async () => {
    const zip = await JSZip.loadAsync(await buildDeck(GOOD_DECK.slice(0, 1)));
    const runs = '<a:r><a:rPr sz="1200"/><a:t>x</a:t></a:r>'.repeat(150_000);
    zip.file('ppt/slides/slide1.xml', `<p:sld><a:t>版权&#99999999;&#x41;</a:t>${runs}</p:sld>`);
    const facts = await inspectZip(await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), PPT.types, warnAll);
    expect([facts?.copyrightPage, facts?.checks?.smallestPt, facts?.checks?.smallTextSlides]).toEqual([true, 12, [1]]);
  });

  it('issue 7 #4: a presentation bomb is refused with ARCHIVE_TOO_LARGE before its slides are read', async () => {
    expect(await refused(inspectZip(bigBomb(), PPT.types, PPT_RULES))).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'part' },
    });
    expect(await refused(inspectZip(forgedBomb(), PPT.types, PPT_RULES))).toMatchObject({
      code: 'ARCHIVE_TOO_LARGE',
      params: { rule: 'mismatch', name: 'ppt/media/image1.png' },
    });
  });
});

/** Streams a file in 64 KB chunks, as storage does. */
const stream = (data: Buffer) =>
  Readable.from(Array.from({ length: Math.ceil(data.length / 65536) }, (_, i) => data.subarray(i * 65536, (i + 1) * 65536)));

describe('S0-5 video rules read from the moov box', () => {
  it('S0-5 a 16:9 1280×720 video of 2:59 passes, read past 3 MB of media with the movie box last', async () => {
    const data = buildMp4({ width: 1280, height: 720, seconds: 179 }, { moovLast: true, mediaBytes: 3_000_000 });
    expect(await inspectMp4(stream(data), VIDEO.videoRules)).toEqual({
      kind: 'mp4',
      durationSeconds: 179,
      width: 1280,
      height: 720,
      codec: 'avc1.64001f',
      problems: [],
    });
  });

  it('S0-5 longer than 3 minutes is refused with the length found', async () => {
    const data = buildMp4({ width: 1920, height: 1080, seconds: 181.4 });
    expect(await refused(inspectMp4(stream(data), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'maxSeconds', limit: 180, found: 181 },
    });
    expect(errorMessage('FILE_RULES_FAILED', 'zh-CN', { rule: 'maxSeconds', limit: 180, found: 181 })).toBe(
      '文件不符合本活动的要求：视频时长 181 秒，超过 180 秒',
    );
  });

  it('S0-5 4:3 and an upright phone video (a quarter-turn matrix) are not 16:9', async () => {
    expect(await refused(inspectMp4(stream(buildMp4({ width: 1440, height: 1080, seconds: 60 })), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'aspectRatio', limit: '16:9', found: '1440×1080' },
    });
    const upright = buildMp4({ width: 1920, height: 1080, seconds: 60, rotated: true });
    expect(await refused(inspectMp4(stream(upright), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'aspectRatio', limit: '16:9', found: '1080×1920' },
    });
  });

  it('S0-5 below SD (480 lines) is refused; as a warning it is reported', async () => {
    const small = buildMp4({ width: 640, height: 360, seconds: 60 });
    expect(await refused(inspectMp4(stream(small), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'minResolution', limit: '640×480', found: '640×360' },
    });
    const warned = await inspectMp4(stream(small), { minResolution: { level: 'warn', long: 640, short: 480 } });
    expect(warned.problems).toEqual([{ rule: 'minResolution', level: 'warn', limit: '640×480', found: '640×360' }]);
  });

  it('S0-5 a video whose movie box states no length fails the length rule as unreadable', async () => {
    const unstated = buildMp4({ width: 1280, height: 720, seconds: 0 });
    expect(await refused(inspectMp4(stream(unstated), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'readable' },
    });
    const facts = await inspectMp4(stream(unstated), { maxSeconds: { level: 'warn', seconds: 180 } });
    expect([facts.durationSeconds, facts.width, facts.problems]).toEqual([null, 1280, [{ rule: 'readable', level: 'warn' }]]);
  });

  it('S0-5 a file without a readable moov box is refused when the slot has video rules', async () => {
    const noMovie = Buffer.concat([buildMp4({ width: 1280, height: 720, seconds: 10 }).subarray(0, 32), Buffer.alloc(100)]);
    expect(await refused(inspectMp4(stream(noMovie), VIDEO.videoRules))).toEqual({
      code: 'FILE_RULES_FAILED',
      params: { rule: 'readable' },
    });
  });
});

describe('checkAttachment: the finish hook’s one call', () => {
  it('refuses an Office file over 256 MB with FILE_TOO_LARGE while reading it, even where the slot allows 2 GB', async () => {
    const mib = Buffer.alloc(1024 * 1024);
    const head = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(60)]);
    let read = 0;
    const big = () => {
      read = 0;
      return Readable.from(
        (function* () {
          yield head;
          for (let i = 0; i < 300; i += 1) {
            read += mib.length;
            yield mib;
          }
        })(),
      );
    };
    expect(await refused(checkAttachment(big, { ...PPT, maxBytes: 2 * 1024 * 1024 * 1024 }))).toEqual({
      code: 'FILE_TOO_LARGE',
      params: { limit: '256 MB' },
    });
    // It stopped near the limit instead of reading all 300 MB (a stream reads a few chunks ahead).
    expect(read).toBeLessThan(300 * mib.length);
  });

  it('returns the PPT summary and the checks to store for a presentation, and the video checks for an MP4', async () => {
    const ppt = await buildDeck(GOOD_DECK);
    const done = await checkAttachment(() => stream(ppt), PPT);
    expect(done.pptx).toEqual({ slides: 6, copyrightPage: true, animatedSlides: 0 });
    expect(done.checks).toMatchObject({ kind: 'pptx', copyrightSlides: [1], problems: [] });
    const video = buildMp4({ width: 1920, height: 1080, seconds: 30 });
    expect(await checkAttachment(() => stream(video), VIDEO)).toEqual({
      pptx: null,
      checks: { kind: 'mp4', durationSeconds: 30, width: 1920, height: 1080, codec: 'avc1.64001f', problems: [] },
    });
  });
});
