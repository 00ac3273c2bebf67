import type { ProfessionalTitle } from './accounts.ts';
import type { Locale } from './errors.ts';

/**
 * Labels of stored values users see, in each language. Professional titles (职称) are stored by their Chinese
 * name (the value the certification and the profile keep), so English needs its own label for each.
 */
export const PROFESSIONAL_TITLE_LABELS = {
  住院医师: { 'zh-CN': '住院医师', en: 'Resident physician' },
  主治医师: { 'zh-CN': '主治医师', en: 'Attending physician' },
  副主任医师: { 'zh-CN': '副主任医师', en: 'Associate chief physician' },
  主任医师: { 'zh-CN': '主任医师', en: 'Chief physician' },
  护士: { 'zh-CN': '护士', en: 'Nurse' },
  护师: { 'zh-CN': '护师', en: 'Senior nurse' },
  主管护师: { 'zh-CN': '主管护师', en: 'Nurse-in-charge' },
  副主任护师: { 'zh-CN': '副主任护师', en: 'Associate chief nurse' },
  主任护师: { 'zh-CN': '主任护师', en: 'Chief nurse' },
  药士: { 'zh-CN': '药士', en: 'Assistant pharmacist' },
  药师: { 'zh-CN': '药师', en: 'Pharmacist' },
  主管药师: { 'zh-CN': '主管药师', en: 'Pharmacist-in-charge' },
  副主任药师: { 'zh-CN': '副主任药师', en: 'Associate chief pharmacist' },
  主任药师: { 'zh-CN': '主任药师', en: 'Chief pharmacist' },
  技士: { 'zh-CN': '技士', en: 'Assistant technician' },
  技师: { 'zh-CN': '技师', en: 'Technician' },
  主管技师: { 'zh-CN': '主管技师', en: 'Technician-in-charge' },
  副主任技师: { 'zh-CN': '副主任技师', en: 'Associate chief technician' },
  主任技师: { 'zh-CN': '主任技师', en: 'Chief technician' },
  助理研究员: { 'zh-CN': '助理研究员', en: 'Assistant research fellow' },
  副研究员: { 'zh-CN': '副研究员', en: 'Associate research fellow' },
  研究员: { 'zh-CN': '研究员', en: 'Research fellow' },
} as const satisfies Record<ProfessionalTitle, Record<Locale, string>>;

/** A stored title in `locale`; a value from before the list (free text) is shown as stored. */
export function professionalTitleLabel(title: string | null | undefined, locale: Locale): string {
  if (!title) return '';
  return title in PROFESSIONAL_TITLE_LABELS ? PROFESSIONAL_TITLE_LABELS[title as ProfessionalTitle][locale] : title;
}

/**
 * The entry's own fields in the screener's "changes since the last round" (the form's fields carry the labels the
 * organizer wrote). The server stores the zh-CN label; the web shows the reader's.
 */
export const ENTRY_FIELD_LABELS = {
  title: { 'zh-CN': '案例名称', en: 'Case title' },
  summary: { 'zh-CN': '案例简介', en: 'Summary' },
} as const satisfies Record<string, Record<Locale, string>>;

export function entryFieldLabel(field: string, fallback: string, locale: Locale): string {
  return field in ENTRY_FIELD_LABELS ? ENTRY_FIELD_LABELS[field as keyof typeof ENTRY_FIELD_LABELS][locale] : fallback;
}
