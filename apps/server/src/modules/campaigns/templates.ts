import {
  PHASE_CAPABILITIES,
  type PhaseCapability,
  SEED_000_TEMPLATE,
  type TEligibilityRules,
  type TEntryRules,
  type TFormField,
  ZFormField,
} from '@casearena/contract';
import { endOfShanghaiDay, shanghaiDate, shanghaiMidnight } from '../../platform/clock/index.ts';
import type { AttachmentSlot } from './campaigns.tables.ts';

/** A campaign template turned into rows: themes, phases as Shanghai instants, attachment slots. */
export interface CampaignBlueprint {
  title: string;
  introduction: string;
  eligibility: string;
  eligibilityRules: TEligibilityRules;
  entryRules: TEntryRules;
  form: TFormField[];
  consent: string;
  /** S0-8: working days (Asia/Shanghai) the organizer's staff have to screen each (re)submission. */
  screeningWorkingDays: number;
  attachments: AttachmentSlot[];
  themes: Array<{ code: string; title: string; directions: string }>;
  phases: Array<{ key: string; label: string; startsAt: Date; endsAt: Date; capabilities: PhaseCapability[] }>;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOfDay = (n: number) => new Date(n * DAY_MS).toISOString().slice(0, 10);

/**
 * A template's phases moved so that its first submission phase opens on `opensOn`, every phase keeping its length
 * and its distance to the others (issue 8 item 12: a new call gets dates to adjust, not the original call's).
 */
export function movePhases<P extends { start: string; end: string; canSubmit?: boolean }>(
  phases: readonly P[],
  opensOn: string,
): P[] {
  const anchor = phases.find((p) => p.canSubmit === true) ?? phases[0];
  if (!anchor) return [];
  const shift = dayNumber(opensOn) - dayNumber(anchor.start);
  return phases.map((p) => ({ ...p, start: isoOfDay(dayNumber(p.start) + shift), end: isoOfDay(dayNumber(p.end) + shift) }));
}

/** The next calendar day in Asia/Shanghai after `now`: where a new call's submission opens by default. */
export const tomorrowInShanghai = (now: Date) => isoOfDay(dayNumber(shanghaiDate(now)) + 1);

/** The years a template's call ran, from its first to its last phase, e.g. 2021–2022. */
function yearsOf(phases: ReadonlyArray<{ start: string; end: string }>): string {
  const first = phases[0]?.start.slice(0, 4) ?? '';
  const last = phases.at(-1)?.end.slice(0, 4) ?? first;
  return first === last ? first : `${first}–${last}`;
}

/** What the template choice shows: each template by its call and years, dates as a new call would get them. */
export function templateChoices(now: Date) {
  const opensOn = tomorrowInShanghai(now);
  const years = yearsOf(SEED_000_TEMPLATE.phases);
  return [
    {
      key: 'seed-000' as const,
      name: `${SEED_000_TEMPLATE.title}（${years}）`,
      call: SEED_000_TEMPLATE.title,
      organizer: SEED_000_TEMPLATE.organizer,
      years,
      themes: SEED_000_TEMPLATE.themes.length,
      opensOn,
      phases: movePhases(SEED_000_TEMPLATE.phases, opensOn).map((p) => ({
        key: p.key,
        label: p.label,
        start: p.start,
        end: p.end,
      })),
    },
  ];
}

function capabilitiesOf(phase: object): PhaseCapability[] {
  return PHASE_CAPABILITIES.filter((c) => (phase as Record<string, unknown>)[c] === true);
}

export const CAMPAIGN_BLUEPRINTS = {
  'seed-000': (opensOn?: string): CampaignBlueprint => ({
    title: SEED_000_TEMPLATE.title,
    introduction: SEED_000_TEMPLATE.introduction,
    eligibility: SEED_000_TEMPLATE.eligibility.note,
    // S0-1: prefecture level and above, so county-level institutions may not enter.
    eligibilityRules: { orgKinds: [], countyLevel: 'exclude', provinceCodes: [] },
    entryRules: {
      onePerOrganizationPerTheme: true,
      maxPerOrganization: null,
      maxPerDepartment: null,
      departmentField: 'department',
    },
    form: SEED_000_TEMPLATE.form.map((f) => ZFormField.parse(f)),
    consent: SEED_000_TEMPLATE.consent,
    screeningWorkingDays: SEED_000_TEMPLATE.screening.workingDays,
    attachments: SEED_000_TEMPLATE.attachments.map((a) => ({
      key: a.key,
      label: a.label,
      required: a.required,
      types: [...a.types],
      maxBytes: a.maxBytes,
    })),
    themes: SEED_000_TEMPLATE.themes.map((t) => ({ ...t })),
    phases: (opensOn ? movePhases(SEED_000_TEMPLATE.phases, opensOn) : SEED_000_TEMPLATE.phases).map((p) => ({
      key: p.key,
      label: p.label,
      startsAt: shanghaiMidnight(p.start),
      endsAt: endOfShanghaiDay(p.end), // S0-7: the last day counts in full, in Shanghai time
      capabilities: capabilitiesOf(p),
    })),
  }),
} as const satisfies Record<string, (opensOn?: string) => CampaignBlueprint>;
