import type { TCampaign, TUpdateCampaignInput } from '@casearena/contract';
import type { FormInstance } from 'antd';

export const SETTINGS_KEYS = [
  'title',
  'introduction',
  'eligibility',
  'consent',
  'eligibilityRules',
  'tracks',
  'entryRules',
  'themes',
  'phases',
] as const satisfies readonly (keyof TUpdateCampaignInput)[];
export type SettingsValues = Required<Pick<TUpdateCampaignInput, (typeof SETTINGS_KEYS)[number]>>;

/** What decides who may enter and when: the server accepts changes to these only while the campaign is a draft. */
export const DRAFT_ONLY_KEYS = [
  'eligibilityRules',
  'tracks',
  'entryRules',
  'themes',
  'phases',
] as const satisfies readonly (typeof SETTINGS_KEYS)[number][];

const shanghaiDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** A phase boundary instant as the Shanghai calendar day the organizer entered (en-CA formats as YYYY-MM-DD). */
export const toShanghaiDay = (iso: string) => shanghaiDay.format(new Date(iso));

export const toSettingsValues = (c: TCampaign): SettingsValues => ({
  title: c.title,
  introduction: c.introduction,
  eligibility: c.eligibility,
  consent: c.consent,
  eligibilityRules: c.eligibilityRules,
  tracks: c.tracks,
  entryRules: c.entryRules,
  themes: c.themes.map(({ code, title, directions }) => ({ code, title, directions })),
  phases: c.phases.map((p) => ({
    key: p.key,
    label: p.label,
    start: toShanghaiDay(p.startsAt),
    end: toShanghaiDay(p.endsAt),
    capabilities: p.capabilities,
  })),
});

const canonical = (v: unknown) => JSON.stringify(v ?? null);

/**
 * Only the parts that changed go into the PATCH, so saving the rules does not overwrite a colleague's
 * simultaneous edit of the introduction. Nested parts (rules, tracks, themes) go whole: they are one setting each.
 */
export function changedSettings(before: SettingsValues, after: SettingsValues): Partial<SettingsValues> {
  const patch: Record<string, unknown> = {};
  for (const key of SETTINGS_KEYS) if (canonical(after[key]) !== canonical(before[key])) patch[key] = after[key];
  return patch as Partial<SettingsValues>;
}

/**
 * Puts errors on the form items they concern: 'tracks.1.key' on that track's key, 'eligibilityRules.provinceCodes.0'
 * on the province select (an element of a list shows on the list). Returns the ones with no item to show them.
 */
export function showFieldErrors(form: FormInstance, errors: readonly { path: string; message: string }[]): string[] {
  const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const elsewhere: string[] = [];
  for (const e of errors) {
    const name: (string | number)[] = e.path.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    while (name.length > 1 && typeof name[name.length - 1] === 'number') name.pop();
    if (!SETTINGS_KEYS.includes(name[0] as (typeof SETTINGS_KEYS)[number])) {
      elsewhere.push(e.message);
      continue;
    }
    const id = name.join('.');
    const entry = byName.get(id) ?? { name, errors: [] };
    entry.errors.push(e.message);
    byName.set(id, entry);
  }
  form.setFields([...byName.values()]);
  return elsewhere;
}
