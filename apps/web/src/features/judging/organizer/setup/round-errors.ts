import type { FormInstance } from 'antd';

/**
 * Where a field error of the rounds set (`rounds.2.closesAt`, `rounds.0.scope.themeIds.1`, from ROUNDS_INVALID, a
 * VALIDATION_FAILED of the body or the client's own parse) shows in the editor: under its form item, or, for what
 * has no item of its own (a round as a whole, its sheet, its version), in that round's card; `rounds` alone above all.
 */

type Name = (string | number)[];

/** The API's path inside a round (after `rounds.<i>.`) to the form's, where the two differ. */
const RENAMES: Array<[RegExp, (m: RegExpMatchArray) => string]> = [
  [/^scope(\.kind)?$/, () => 'scopeKind'],
  [/^scope\.(themeIds|trackKeys|fromRoundId)(\.\d+)?$/, (m) => m[1] as string],
  [/^materials\.extraSlots\.(\d+)\.maxBytes$/, (m) => `materials.extraSlots.${m[1]}.maxMb`],
  [/^materials\.extraSlots\.(\d+)\.videoRules(\..*)?$/, (m) => `materials.extraSlots.${m[1]}.maxMinutes`],
  [/^(tieBreak|materials\.fieldKeys|materials\.attachmentKeys|sheet\.recommendation)\.\d+$/, (m) => m[1] as string],
  [/^materials\.extraSlots\.(\d+)\.types\.\d+$/, (m) => `materials.extraSlots.${m[1]}.types`],
];

/** The form items that exist in a round card, with list indices as `#`. */
const ITEMS = new Set([
  'key',
  'label',
  'opensAt',
  'closesAt',
  'scopeKind',
  'themeIds',
  'trackKeys',
  'fromRoundId',
  'blind',
  'seeOthers',
  'judgesPerEntry',
  'maxLoad',
  'method',
  'tieBreak',
  'sheet.weightTotal',
  'sheet.recommendation',
  'sheet.commentRequired',
  'sheet.criteria.#.key',
  'sheet.criteria.#.label.zh-CN',
  'sheet.criteria.#.label.en',
  'sheet.criteria.#.weight',
  'sheet.criteria.#.max',
  'sheet.criteria.#.decimals',
  'sheet.criteria.#.commentRequired',
  'materials.fieldKeys',
  'materials.attachmentKeys',
  'materials.extraSlots.#.key',
  'materials.extraSlots.#.label',
  'materials.extraSlots.#.types',
  'materials.extraSlots.#.maxMb',
  'materials.extraSlots.#.maxMinutes',
  'materials.extraSlots.#.required',
]);

function formPath(rest: string): string | null {
  let path = rest;
  for (const [re, to] of RENAMES) {
    const m = path.match(re);
    if (m) {
      path = to(m);
      break;
    }
  }
  return ITEMS.has(path.replace(/\.\d+(?=\.|$)/g, '.#')) ? path : null;
}

const toName = (path: string): Name => path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

export interface RoundProblems {
  /** Messages with no item of their own, by round index. */
  byRound: Record<number, string[]>;
  /** Messages about the set as a whole. */
  general: string[];
}

/** Puts each error under its item and returns the ones shown in a round's card or above the list. */
export function showRoundErrors(form: FormInstance, errors: readonly { path: string; message: string }[]): RoundProblems {
  const items = new Map<string, { name: Name; errors: string[] }>();
  const out: RoundProblems = { byRound: {}, general: [] };
  for (const e of errors) {
    const m = e.path.match(/^rounds\.(\d+)(?:\.(.+))?$/);
    if (!m) {
      out.general.push(e.message);
      continue;
    }
    const index = Number(m[1]);
    const path = m[2] ? formPath(m[2]) : null;
    if (!path) {
      out.byRound[index] = [...(out.byRound[index] ?? []), e.message];
      continue;
    }
    const id = `${index}.${path}`;
    const entry = items.get(id) ?? { name: ['rounds', index, ...toName(path)], errors: [] };
    entry.errors.push(e.message);
    items.set(id, entry);
  }
  form.setFields([...items.values()]);
  return out;
}
