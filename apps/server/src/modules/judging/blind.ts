import type { TEntry, TFormField, TJudgeEntry } from '@casearena/contract';

/** What a round shows judges of an entry; absent: everything of that kind (the round's `materials`). */
export interface VisibleMaterials {
  fieldKeys?: readonly string[];
  attachmentSlots?: readonly string[];
}

export interface JudgeViewInput {
  entry: TEntry;
  /** The form version the entry was written under. */
  fields: readonly TFormField[];
  materials: VisibleMaterials;
  blind: boolean;
  /**
   * Names a blind view must never carry: the entering unit's and the joint partners' names and aliases (the form's
   * own people are found in the answers here).
   */
  unitNames: readonly string[];
  /** The round's own slots (files asked of advancing entries, seed 002's presentation PPT): their labels. */
  extraSlots?: readonly { key: string; label: string }[];
  /** Whether a file has a PDF preview (sheet-preview-convert.ts `previewable`); absent: none has. */
  previewable?: (file: { name: string; type: string }) => boolean;
}

export const MASK = '■■';

/** Labels and keys of free-text fields and table columns that name a unit or a person (申报单位, 联系人, 负责人 …). */
const IDENTIFYING =
  /单位|医院|机构|院区|分院|姓名|名字|联系人|负责人|申报人|作者|成员|团队|电话|手机|邮箱|地址|微信|email|phone|mobile|name|contact|author|organi[sz]ation|hospital|address/i;
const MOBILE = /1[3-9]\d{9}/g;
const LANDLINE = /0\d{2,3}-\d{7,8}/g;
const EMAIL = /[^\s@，。；、：:;,()（）<>]+@[^\s@，。；、：:;,()（）<>]+\.[A-Za-z]{2,}/g;

/**
 * Why a field is left out of a blind view, or null when it is shown (its text still scrubbed): a person (name, title,
 * phone, email), the joint partners picked from the registry, a table with phone or email columns or a column of
 * names (a team list, S2-4's leaders), and any text field whose label or key asks for a unit or a person.
 */
function identifying(field: TFormField): boolean {
  switch (field.kind) {
    case 'person':
    case 'organization':
      return true;
    case 'table':
      return field.columns.some((c) => c.kind === 'phone' || c.kind === 'email' || IDENTIFYING.test(`${c.key} ${c.label}`));
    case 'short_text':
    case 'long_text':
      return IDENTIFYING.test(`${field.key} ${field.label}`);
    case 'number':
    case 'date':
    case 'select':
    case 'yes_no':
    case 'attachment':
      return false;
  }
}

/**
 * The strings of a left-out answer that identify (a person's name, phone and email, not their 职务; a table's name,
 * phone and email cells): masked wherever else they appear.
 */
function identitiesOf(field: TFormField, value: unknown, into: string[]): void {
  const push = (v: unknown) => {
    if (typeof v === 'string' && v.trim() !== '') into.push(v.trim());
  };
  const record = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  if (field.kind === 'person') {
    const p = record(value);
    for (const k of ['name', 'phone', 'email']) push(p[k]);
  } else if (field.kind === 'table' && Array.isArray(value)) {
    const columns = field.columns.filter(
      (c) => c.kind === 'phone' || c.kind === 'email' || IDENTIFYING.test(`${c.key} ${c.label}`),
    );
    for (const row of value) for (const c of columns) push(record(row)[c.key]);
  } else if (field.kind === 'short_text' || field.kind === 'long_text') push(value);
}

/** Replaces each name (longest first, so a unit's full name goes before its short alias) and any phone or email. */
export function scrubber(names: readonly string[]): (text: string) => string {
  const terms = [...new Set(names.map((n) => n.trim()).filter((n) => [...n].length >= 2))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const term of terms) out = out.split(term).join(MASK);
    return out.replace(EMAIL, MASK).replace(MOBILE, MASK).replace(LANDLINE, MASK);
  };
}

function scrubDeep(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => scrubDeep(v, scrub));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubDeep(v, scrub)]));
  return value;
}

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * What a blind view masks wherever it appears: the unit names passed in, the entering unit's name, and the
 * identifying strings of the fields a blind view leaves out (people's names, phones, emails; team lists).
 */
export function blindNames(input: Pick<JudgeViewInput, 'entry' | 'fields' | 'unitNames'>): string[] {
  const names = [...input.unitNames, input.entry.organization.name];
  for (const f of input.fields.filter((f) => f.kind !== 'attachment' && identifying(f)))
    identitiesOf(f, input.entry.answers[f.key], names);
  return names;
}

/**
 * The entry as a judge of this round may see it (issue 10 item 4, S0-4). Only the fields and files the round shows.
 * In a blind round: no organization, no partner ids, no people or identifying fields (see `identifying`), files named
 * after their slot instead of as uploaded (`XX医院案例.pptx`), and the unit names, the left-out fields' strings and
 * any phone number or email masked in every text that remains (title, summary, shown answers). Screening notes,
 * status and versions are never part of a judge's view. Pure: the caller loads the entry, form and names.
 */
export function judgeEntryView(input: JudgeViewInput): TJudgeEntry {
  const { entry, materials, blind } = input;
  const shows = (list: readonly string[] | undefined, key: string) => list === undefined || list.includes(key);
  const formFields = input.fields.filter((f) => f.kind !== 'attachment');
  const hidden = blind ? formFields.filter(identifying) : [];
  const scrub = blind ? scrubber(blindNames(input)) : (text: string) => text;
  const slotLabels = new Map([...input.fields, ...(input.extraSlots ?? [])].map((f) => [f.key, f.label]));
  return {
    id: entry.id,
    number: entry.number,
    title: scrub(entry.title),
    summary: scrub(entry.summary),
    theme: entry.theme,
    track: entry.track,
    blind,
    organization: blind ? null : entry.organization,
    fields: formFields
      .filter((f) => shows(materials.fieldKeys, f.key) && !hidden.includes(f))
      .filter((f) => entry.answers[f.key] !== undefined && entry.answers[f.key] !== null)
      .map((f) => ({ key: f.key, label: f.label, kind: f.kind, value: scrubDeep(entry.answers[f.key], scrub) })),
    attachments: entry.attachments
      .filter((a) => shows(materials.attachmentSlots, a.slot))
      .map((a) => {
        const label = slotLabels.get(a.slot) ?? a.slot;
        const ext = extensionOf(a.name);
        const name = blind ? `${label}${ext ? `.${ext}` : ''}` : a.name;
        const pdfPreview = input.previewable?.({ name: a.name, type: a.type }) ?? false;
        return { slot: a.slot, label, fileId: a.fileId, name, size: a.size, type: a.type, pdfPreview };
      }),
  };
}
