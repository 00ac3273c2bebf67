import { z } from 'zod';

/**
 * Rules a campaign sets on an attachment slot (S0-4 for the case PPT, S0-5 for the video), each either enforced
 * (the upload is refused, naming the rule and the slides at fault) or a warning (the file is kept and the
 * screener and applicant see what failed). The server reads the facts from the file itself; limits come from here.
 */
export const RULE_LEVELS = ['enforce', 'warn'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];
const ZLevel = z.enum(RULE_LEVELS);

export const ZPptPart = z.object({
  key: z.string().trim().min(1).max(40),
  label: z.string().trim().min(1).max(40),
  /** The part is present when a slide's text holds one of these words (titles need not match the label). */
  keywords: z.array(z.string().trim().min(1).max(20)).min(1).max(20),
});

export const ZPptRules = z.object({
  /** A slide must hold this text (the template's copyright statement, 版权). */
  copyrightPage: z.object({ level: ZLevel, text: z.string().trim().min(1).max(40) }).optional(),
  /** No slide may animate (a slide with a timing tree animates). */
  noAnimations: z.object({ level: ZLevel }).optional(),
  /** Every text run at least this many points (run sizes are read from the slides; unsized runs are not judged). */
  minFontPt: z.object({ level: ZLevel, pt: z.number().min(1).max(400) }).optional(),
  /** The parts the content must cover, found by words on the slides. */
  requiredParts: z.object({ level: ZLevel, parts: z.array(ZPptPart).min(1).max(20) }).optional(),
});
export type TPptRules = z.infer<typeof ZPptRules>;

export const ZVideoRules = z.object({
  maxSeconds: z
    .object({
      level: ZLevel,
      seconds: z
        .number()
        .int()
        .min(1)
        .max(24 * 3600),
    })
    .optional(),
  /** Width:height of the picture, e.g. 16:9; `tolerance` is the relative difference still accepted. */
  aspectRatio: z
    .object({
      level: ZLevel,
      width: z.number().int().min(1),
      height: z.number().int().min(1),
      tolerance: z.number().min(0).max(0.5),
    })
    .optional(),
  /** The picture at least this many pixels on its long and its short side. */
  minResolution: z.object({ level: ZLevel, long: z.number().int().min(1), short: z.number().int().min(1) }).optional(),
});
export type TVideoRules = z.infer<typeof ZVideoRules>;

export const PPT_RULES = ['copyrightPage', 'noAnimations', 'minFontPt', 'requiredParts'] as const;
export const VIDEO_RULES = ['maxSeconds', 'aspectRatio', 'minResolution', 'readable'] as const;
export type AttachmentRule = (typeof PPT_RULES)[number] | (typeof VIDEO_RULES)[number];

/** One rule a file failed: slide numbers (1-based, in presentation order) or the figures found. */
export const ZRuleProblem = z.object({
  rule: z.enum([...PPT_RULES, ...VIDEO_RULES]),
  level: ZLevel,
  slides: z.array(z.number().int()).optional(),
  missing: z.array(z.string()).optional(),
  limit: z.union([z.string(), z.number()]).optional(),
  found: z.union([z.string(), z.number()]).optional(),
});
export type TRuleProblem = z.infer<typeof ZRuleProblem>;

export const ZPptxChecks = z.object({
  kind: z.literal('pptx'),
  slides: z.number().int(),
  copyrightSlides: z.array(z.number().int()),
  animatedSlides: z.array(z.number().int()),
  /** Slides with a text run below the minimum, and the smallest size found anywhere (points). */
  smallTextSlides: z.array(z.number().int()),
  smallestPt: z.number().nullable(),
  parts: z.array(z.object({ key: z.string(), label: z.string(), slides: z.array(z.number().int()) })),
  problems: z.array(ZRuleProblem),
});
export type TPptxChecks = z.infer<typeof ZPptxChecks>;

export const ZVideoChecks = z.object({
  kind: z.literal('mp4'),
  durationSeconds: z.number().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  codec: z.string().nullable(),
  problems: z.array(ZRuleProblem),
});
export type TVideoChecks = z.infer<typeof ZVideoChecks>;

export const ZAttachmentChecks = z.discriminatedUnion('kind', [ZPptxChecks, ZVideoChecks]);
export type TAttachmentChecks = z.infer<typeof ZAttachmentChecks>;

type Messages = Record<'zh-CN' | 'en', string>;

/** What a failed rule means, in each language; the enforced refusal (FILE_RULES_FAILED) and the warnings share it. */
export const ATTACHMENT_RULE_MESSAGES = {
  copyrightPage: {
    'zh-CN': '未找到含“{limit}”的版权声明页，请保留模板中的版权声明页',
    en: 'no slide holds “{limit}”; keep the template’s copyright page',
  },
  noAnimations: { 'zh-CN': '第 {slides} 页设置了动画', en: 'slides {slides} are animated' },
  minFontPt: {
    'zh-CN': '第 {slides} 页有小于 {limit} 号的文字（最小 {found} 号）',
    en: 'slides {slides} have text below {limit} pt (smallest {found} pt)',
  },
  requiredParts: { 'zh-CN': '未找到以下内容：{missing}', en: 'these parts were not found: {missing}' },
  maxSeconds: { 'zh-CN': '视频时长 {found} 秒，超过 {limit} 秒', en: 'the video lasts {found} s, more than {limit} s' },
  aspectRatio: { 'zh-CN': '画面比例为 {found}，应为 {limit}', en: 'the picture is {found}, not {limit}' },
  minResolution: {
    'zh-CN': '分辨率 {found} 低于要求的 {limit}',
    en: 'the resolution {found} is below the required {limit}',
  },
  readable: {
    'zh-CN': '无法从文件中读出视频的时长和画面尺寸',
    en: 'the video’s duration and picture size cannot be read from the file',
  },
} as const satisfies Record<AttachmentRule, Messages>;

/** A failed rule as a sentence; slide lists and missing parts are joined the way each language writes lists. */
export function ruleProblemMessage(p: TRuleProblem, locale: 'zh-CN' | 'en'): string {
  const sep = locale === 'zh-CN' ? '、' : ', ';
  const values: Record<string, string> = {
    slides: (p.slides ?? []).join(sep),
    missing: (p.missing ?? []).join(sep),
    limit: String(p.limit ?? ''),
    found: String(p.found ?? ''),
  };
  return ATTACHMENT_RULE_MESSAGES[p.rule][locale].replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
