import type { FieldKind, TFormField } from '@casearena/contract';

/** A key not yet taken, e.g. `long_text_3`: valid for the contract's key pattern, and renamable afterwards. */
export function freeKey(prefix: string, taken: readonly string[]): string {
  for (let n = 1; ; n += 1) {
    const candidate = `${prefix}_${n}`;
    if (!taken.includes(candidate)) return candidate;
  }
}

const MB = 1024 * 1024;

/**
 * A field of this kind with every setting filled in, so that it is valid as soon as it is added and the preview
 * can draw it (a choice field starts with two options, a table with one column).
 */
export interface NewFieldLabels {
  field: string;
  option(n: number): string;
  column(n: number): string;
}

export function newField(kind: FieldKind, labels: NewFieldLabels, taken: readonly string[]): TFormField {
  const base = { key: freeKey(kind, taken), label: labels.field, help: '', required: false };
  switch (kind) {
    case 'short_text':
      return { ...base, kind, maxChars: 50 };
    case 'long_text':
      return { ...base, kind, maxChars: 600, minChars: 0, sections: [] };
    case 'number':
      return { ...base, kind, min: null, max: null, integer: false };
    case 'date':
    case 'yes_no':
    case 'person':
      return { ...base, kind };
    case 'select':
      return { ...base, kind, options: [labels.option(1), labels.option(2)], multiple: false };
    case 'table':
      return {
        ...base,
        kind,
        columns: [{ key: 'col_1', label: labels.column(1), kind: 'text', options: [], required: false }],
        minRows: 0,
        maxRows: 20,
      };
    case 'organization':
      return { ...base, kind, multiple: false, maxUnits: 5 };
    case 'attachment':
      return { ...base, kind, types: ['pdf'], maxBytes: 20 * MB };
  }
}

export const bytesToMb = (bytes: number) => Math.round((bytes / MB) * 100) / 100;
export const mbToBytes = (mb: number) => Math.round(mb * MB);
