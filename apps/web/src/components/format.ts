import {
  HOSPITAL_GRADE_LABELS,
  HOSPITAL_LEVEL_LABELS,
  type Locale,
  ORG_KIND_LABELS,
  type TOrganization,
} from '@casearena/contract';

/** Dates as people read them in China: 2026-03-01 14:05, in the Beijing time zone whatever the device says. */
export function formatDateTime(iso: string | null, lang: Locale): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(d);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** 三级甲等 / Tertiary Grade A; empty for organizations that are not rated. */
export function orgRating(org: Pick<TOrganization, 'level' | 'grade'>, lang: Locale): string {
  const level = org.level ? HOSPITAL_LEVEL_LABELS[org.level][lang] : '';
  const grade = org.grade ? HOSPITAL_GRADE_LABELS[org.grade][lang] : '';
  return lang === 'en' ? [level, grade].filter(Boolean).join(', ') : `${level}${grade}`;
}

export const orgKindLabel = (kind: TOrganization['kind'], lang: Locale) => ORG_KIND_LABELS[kind][lang];
