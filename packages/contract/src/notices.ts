import { z } from 'zod';
import type { Locale } from './errors.ts';
import { CERTIFICATION_KINDS, type CertificationKind } from './orgs.ts';

/**
 * Server-written text (mail, SMS, in-app notices) as typed templates, like the error vocabulary: each notice has
 * an id, a zod schema for its params and a rendering per locale. The server renders mail and SMS once, in the
 * recipient's saved locale; an in-app notice stores its id and params and is rendered when read, in the reader's
 * language (the web renders it with the same function when the language is switched).
 */
export const NOTICE_PARAMS = {
  /** The organizer's steps on an objection to the public notice (issue 12 item 2); `reason` is the organizer's text. */
  'objection.received': z.object({ name: z.string(), campaign: z.string(), entry: z.string() }),
  /**
   * To each manager of the campaign's organizer when an objection is filed: `name` is the manager, `objector` the
   * real name it was filed under (the objector's identity is the organizer's to see, and no one else's).
   */
  'objection.filed': z.object({ name: z.string(), objector: z.string(), campaign: z.string(), entry: z.string() }),
  'objection.infoRequested': z.object({ name: z.string(), campaign: z.string(), entry: z.string(), reason: z.string() }),
  'objection.upheld': z.object({ name: z.string(), campaign: z.string(), entry: z.string(), reason: z.string() }),
  'objection.dismissed': z.object({ name: z.string(), campaign: z.string(), entry: z.string(), reason: z.string() }),
  'certification.approved': z.object({ name: z.string(), kind: z.enum(CERTIFICATION_KINDS) }),
  'certification.rejected': z.object({ name: z.string(), kind: z.enum(CERTIFICATION_KINDS), reason: z.string() }),
  'membership.invited': z.object({ name: z.string(), inviter: z.string(), organization: z.string() }),
  'password.resetCode': z.object({ code: z.string(), minutes: z.number().int() }),
  'entry.passed': z.object({ title: z.string(), number: z.string().nullable() }),
  'entry.returned': z.object({
    title: z.string(),
    number: z.string().nullable(),
    reasons: z.string(),
    suggestions: z.string().nullable(),
    /** ISO instant; shown in Beijing time. */
    deadline: z.string().nullable(),
  }),
  'entry.excluded': z.object({ title: z.string(), number: z.string().nullable(), reasons: z.string() }),
  'entry.expired': z.object({ title: z.string(), number: z.string().nullable() }),
  /** An organizer invites an expert into its judge pool (issue 10 item 1); `link` answers the invitation. */
  'judge.invited': z.object({ name: z.string(), organizer: z.string(), inviter: z.string(), link: z.string() }),
  /** A judge still has sheets to submit as the round's deadline nears (issue 10 item 4); `deadline` an ISO instant. */
  'judge.deadlineReminder': z.object({ name: z.string(), round: z.string(), pending: z.number().int(), deadline: z.string() }),
} as const;

export type NoticeId = keyof typeof NOTICE_PARAMS;
export const NOTICE_IDS = Object.keys(NOTICE_PARAMS) as NoticeId[];
export type NoticeParams<K extends NoticeId> = z.infer<(typeof NOTICE_PARAMS)[K]>;

/** One notice in one language: `title` is the in-app heading, `subject` the mail's (the brand, then the title). */
export interface RenderedNotice {
  title: string;
  subject: string;
  body: string;
}

type Rendering<P> = { title: (p: P) => string; body: (p: P) => string };
type Catalogue = { [K in NoticeId]: Record<Locale, Rendering<NoticeParams<K>>> };

const BRAND: Record<Locale, string> = { 'zh-CN': 'CaseArena 案例擂台：', en: 'CaseArena: ' };

/** Sentence-ending marks an interpolated text may already carry (a screener's reason often ends with 。). */
const TRAILING_MARKS = /[\s。．.！!？?；;，,、：:]+$/u;

/**
 * Ends a sentence exactly once: strips whatever closing marks `text` already has, then adds the locale's full stop
 * (a question or exclamation mark the writer typed is kept). So `原因：资料不全。` + `请修改…` never reads `。。`.
 */
export function sentence(text: string, locale: Locale): string {
  const trimmed = text.trim();
  const kept = /[？?！!]$/u.exec(trimmed)?.[0];
  const bare = trimmed.replace(TRAILING_MARKS, '');
  if (kept)
    return `${bare}${locale === 'zh-CN' ? ({ '?': '？', '!': '！' }[kept] ?? kept) : ({ '？': '?', '！': '!' }[kept] ?? kept)}`;
  return `${bare}${locale === 'zh-CN' ? '。' : '.'}`;
}

/** 'YYYY-MM-DD HH:mm' in Beijing time (UTC+8 all year) for an ISO instant. */
export function formatBeijing(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Reasons the server itself gives for a decision (stored in zh-CN with the decision, like a screener's reasons);
 * `systemReason` shows a stored one in the reader's language and any other text as written.
 */
export const SYSTEM_REASONS = {
  correctionExpired: {
    'zh-CN': '逾期未修改，按规定不进入正式评审',
    en: 'not corrected by the deadline, so under the rules it does not go on to the formal review',
  },
} as const satisfies Record<string, Record<Locale, string>>;

export function systemReason(stored: string, locale: Locale): string {
  const known = Object.values(SYSTEM_REASONS).find((r) => r['zh-CN'] === stored);
  return known ? known[locale] : stored;
}

const CERT_KIND: Record<CertificationKind, Record<Locale, string>> = {
  institution: { 'zh-CN': '机构认证', en: 'institution certification' },
  professional: { 'zh-CN': '医务人员专业认证', en: 'professional certification' },
};

const caseZh = (p: { title: string; number: string | null }) => `您申报的案例“${p.title}”${p.number ? `（${p.number}）` : ''}`;
const caseEn = (p: { title: string; number: string | null }) => `Your case “${p.title}”${p.number ? ` (${p.number})` : ''}`;

export const NOTICES: Catalogue = {
  'objection.received': {
    'zh-CN': {
      title: () => '异议已受理',
      body: (p) => `${p.name}，您好：您对“${p.campaign}”公示中案例“${p.entry}”提出的异议已收到，主办方将尽快处理并通知您结果。`,
    },
    en: {
      title: () => 'Objection received',
      body: (p) =>
        `Hello ${p.name}, your objection about the case “${p.entry}” on the notice of “${p.campaign}” was received; the organizer will handle it and tell you the outcome.`,
    },
  },
  'objection.filed': {
    'zh-CN': {
      title: () => '公示收到新的异议',
      body: (p) =>
        `${p.name}，您好：“${p.campaign}”公示中的案例“${p.entry}”收到一条实名异议（异议人：${p.objector}）。请登录后查看并处理；异议人的身份仅主办方可见。`,
    },
    en: {
      title: () => 'New objection to the notice',
      body: (p) =>
        `Hello ${p.name}, an objection under a real name (${p.objector}) was filed about the case “${p.entry}” on the notice of “${p.campaign}”. Sign in to review and handle it; only the organizer sees who objected.`,
    },
  },
  'objection.infoRequested': {
    'zh-CN': {
      title: () => '异议需补充材料',
      body: (p) =>
        `${p.name}，您好：主办方请您就对案例“${p.entry}”的异议补充说明：${sentence(p.reason, 'zh-CN')}请登录后在公示页面“我的异议”中答复。`,
    },
    en: {
      title: () => 'More information requested on your objection',
      body: (p) =>
        `Hello ${p.name}, the organizer asks for more on your objection about “${p.entry}”: ${sentence(p.reason, 'en')} Sign in and answer under “My objections” on the notice page.`,
    },
  },
  'objection.upheld': {
    'zh-CN': {
      title: () => '异议成立',
      body: (p) =>
        `${p.name}，您好：您对案例“${p.entry}”的异议经核查成立，获奖结果已相应调整。说明：${sentence(p.reason, 'zh-CN')}`,
    },
    en: {
      title: () => 'Objection upheld',
      body: (p) =>
        `Hello ${p.name}, your objection about “${p.entry}” was upheld and the awards were changed accordingly. Note: ${sentence(p.reason, 'en')}`,
    },
  },
  'objection.dismissed': {
    'zh-CN': {
      title: () => '异议不成立',
      body: (p) => `${p.name}，您好：您对案例“${p.entry}”的异议经核查不成立，获奖结果不变。说明：${sentence(p.reason, 'zh-CN')}`,
    },
    en: {
      title: () => 'Objection dismissed',
      body: (p) =>
        `Hello ${p.name}, your objection about “${p.entry}” was dismissed; the awards stay as they are. Note: ${sentence(p.reason, 'en')}`,
    },
  },
  'certification.approved': {
    'zh-CN': {
      title: (p) => `${CERT_KIND[p.kind]['zh-CN']}已通过`,
      body: (p) => `${p.name}，您好：您的${CERT_KIND[p.kind]['zh-CN']}申请已通过审核。`,
    },
    en: {
      title: (p) => `${capital(CERT_KIND[p.kind].en)} approved`,
      body: (p) => `Hello ${p.name}, your request for ${CERT_KIND[p.kind].en} has been approved.`,
    },
  },
  'certification.rejected': {
    'zh-CN': {
      title: (p) => `${CERT_KIND[p.kind]['zh-CN']}未通过`,
      body: (p) =>
        `${p.name}，您好：您的${CERT_KIND[p.kind]['zh-CN']}申请未通过审核。原因：${sentence(p.reason, 'zh-CN')}请修改后重新提交。`,
    },
    en: {
      title: (p) => `${capital(CERT_KIND[p.kind].en)} not approved`,
      body: (p) =>
        `Hello ${p.name}, your request for ${CERT_KIND[p.kind].en} was not approved. Reason: ${sentence(p.reason, 'en')} Please correct it and submit it again.`,
    },
  },
  'membership.invited': {
    'zh-CN': {
      title: (p) => `${p.organization}邀请您加入`,
      body: (p) => `${p.name}，您好：${p.inviter}邀请您以成员身份加入“${p.organization}”。请登录后在“我的账号”中接受或拒绝。`,
    },
    en: {
      title: (p) => `${p.organization} invites you to join`,
      body: (p) =>
        `Hello ${p.name}, ${p.inviter} invites you to join “${p.organization}” as a member. Sign in and answer in “My account”.`,
    },
  },
  'password.resetCode': {
    'zh-CN': {
      title: () => '重置密码验证码',
      body: (p) => `您的验证码是 ${p.code}，${p.minutes} 分钟内有效。如非本人操作，请忽略。`,
    },
    en: {
      title: () => 'Password reset code',
      body: (p) => `Your code is ${p.code}; it is valid for ${p.minutes} minutes. Ignore this if you did not ask.`,
    },
  },
  'entry.passed': {
    'zh-CN': { title: () => '案例审核通过', body: (p) => `${caseZh(p)}已通过审核，将在主题页面展示。` },
    en: { title: () => 'Case passed screening', body: (p) => `${caseEn(p)} passed screening and is shown on the theme page.` },
  },
  'entry.returned': {
    'zh-CN': {
      title: () => '案例退回修改',
      body: (p) =>
        `${caseZh(p)}需要修改：${sentence(p.reasons, 'zh-CN')}` +
        (p.suggestions?.trim() ? `修改建议：${sentence(p.suggestions, 'zh-CN')}` : '') +
        (p.deadline ? `请在 ${formatBeijing(p.deadline)}（北京时间）前修改并重新提交。` : '请修改后重新提交。'),
    },
    en: {
      title: () => 'Case returned for correction',
      body: (p) =>
        `${caseEn(p)} needs changes: ${sentence(p.reasons, 'en')}` +
        (p.suggestions?.trim() ? ` Suggestions: ${sentence(p.suggestions, 'en')}` : '') +
        (p.deadline
          ? ` Please correct it and submit it again before ${formatBeijing(p.deadline)} (Beijing time).`
          : ' Please correct it and submit it again.'),
    },
  },
  'entry.excluded': {
    'zh-CN': { title: () => '案例未通过审核', body: (p) => `${caseZh(p)}未通过审核：${sentence(p.reasons, 'zh-CN')}` },
    en: {
      title: () => 'Case did not pass screening',
      body: (p) => `${caseEn(p)} did not pass screening: ${sentence(p.reasons, 'en')}`,
    },
  },
  'entry.expired': {
    'zh-CN': {
      title: () => '案例逾期未修改',
      body: (p) => `${caseZh(p)}未在修改期限内重新提交，${SYSTEM_REASONS.correctionExpired['zh-CN']}。`,
    },
    en: {
      title: () => 'Case not corrected in time',
      body: (p) =>
        `${caseEn(p)} was not submitted again before the correction deadline, so it does not go on to the formal review.`,
    },
  },
  'judge.invited': {
    'zh-CN': {
      title: (p) => `${p.organizer}邀请您担任评审专家`,
      body: (p) =>
        `${p.name}，您好：${p.inviter}代表“${p.organizer}”邀请您加入评审专家库。请打开以下链接接受或谢绝（链接仅可使用一次）：${p.link}`,
    },
    en: {
      title: (p) => `${p.organizer} invites you to judge`,
      body: (p) =>
        `Hello ${p.name}, ${p.inviter} invites you on behalf of “${p.organizer}” to join its pool of expert judges. Open this link to accept or decline (it works once): ${p.link}`,
    },
  },
  'judge.deadlineReminder': {
    'zh-CN': {
      title: (p) => `“${p.round}”评审即将截止`,
      body: (p) =>
        `${p.name}，您好：“${p.round}”将于北京时间 ${formatBeijing(p.deadline)} 截止评分，您还有 ${p.pending} 个案例的评分表尚未提交。请在截止前登录评审工作台完成评分。`,
    },
    en: {
      title: (p) => `“${p.round}” closes soon`,
      body: (p) =>
        `Hello ${p.name}, scoring in “${p.round}” closes at ${formatBeijing(p.deadline)} Beijing time and ${p.pending === 1 ? '1 of your score sheets is' : `${p.pending} of your score sheets are`} not submitted yet. Please sign in to your judging workspace and finish them before the deadline.`,
    },
  },
};

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Renders a notice in `locale`; params are typed by the id. */
export function renderNotice<K extends NoticeId>(id: K, params: NoticeParams<K>, locale: Locale): RenderedNotice {
  const r = NOTICES[id][locale] as Rendering<NoticeParams<K>>;
  const title = r.title(params);
  return { title, subject: `${BRAND[locale]}${title}`, body: r.body(params) };
}

/** A notice to be written: its template id with params of that id's type. */
export type NoticeRef = { [K in NoticeId]: { template: K; params: NoticeParams<K> } }[NoticeId];

export function renderRef(ref: NoticeRef, locale: Locale): RenderedNotice {
  // The union pairs each id with its own params; TypeScript cannot follow that through the generic call.
  return renderNotice(ref.template, ref.params as never, locale);
}

/**
 * Renders a stored notice (id and params read back from the database): null when the id is unknown or the params
 * no longer fit its schema, so the caller shows the text stored with it instead.
 */
export function renderStoredNotice(id: string | null, params: unknown, locale: Locale): RenderedNotice | null {
  if (!id || !(id in NOTICE_PARAMS)) return null;
  const key = id as NoticeId;
  const parsed = NOTICE_PARAMS[key].safeParse(params);
  if (!parsed.success) return null;
  return renderNotice(key, parsed.data as NoticeParams<typeof key>, locale);
}
