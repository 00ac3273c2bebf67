import { describe, expect, it } from 'vitest';
import { PROFESSIONAL_TITLE_NAMES } from './accounts.ts';
import { ENTRY_FIELD_LABELS, entryFieldLabel, PROFESSIONAL_TITLE_LABELS, professionalTitleLabel } from './labels.ts';

describe('labels of stored values (issue 8 item 6)', () => {
  it('every professional title has its own zh-CN name and an English label without Chinese characters', () => {
    expect(Object.keys(PROFESSIONAL_TITLE_LABELS)).toEqual(PROFESSIONAL_TITLE_NAMES);
    for (const title of PROFESSIONAL_TITLE_NAMES) {
      expect(PROFESSIONAL_TITLE_LABELS[title]['zh-CN']).toBe(title);
      expect(PROFESSIONAL_TITLE_LABELS[title].en, title).toMatch(/^[A-Z][A-Za-z -]+$/);
    }
    expect(new Set(PROFESSIONAL_TITLE_NAMES.map((t) => PROFESSIONAL_TITLE_LABELS[t].en)).size).toBe(
      PROFESSIONAL_TITLE_NAMES.length,
    );
  });

  it('renders a stored title per locale and shows an unknown one as stored', () => {
    expect(professionalTitleLabel('副主任医师', 'en')).toBe('Associate chief physician');
    expect(professionalTitleLabel('副主任医师', 'zh-CN')).toBe('副主任医师');
    expect(professionalTitleLabel('高级经济师', 'en')).toBe('高级经济师');
    expect(professionalTitleLabel(null, 'en')).toBe('');
  });

  it('names the entry’s own fields per locale and keeps an organizer’s field label', () => {
    expect(Object.keys(ENTRY_FIELD_LABELS)).toEqual(['title', 'summary']);
    expect(entryFieldLabel('title', '案例名称', 'en')).toBe('Case title');
    expect(entryFieldLabel('answers.department', '申报科室', 'en')).toBe('申报科室');
  });
});
