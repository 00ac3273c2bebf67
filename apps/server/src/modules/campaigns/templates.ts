import {
  PHASE_CAPABILITIES,
  type PhaseCapability,
  SEED_000_TEMPLATE,
  type TEligibilityRules,
  type TEntryRules,
  type TFormField,
  ZFormField,
} from '@casearena/contract';
import { endOfShanghaiDay, shanghaiMidnight } from '../../platform/clock/index.ts';
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

function capabilitiesOf(phase: object): PhaseCapability[] {
  return PHASE_CAPABILITIES.filter((c) => (phase as Record<string, unknown>)[c] === true);
}

export const CAMPAIGN_BLUEPRINTS = {
  'seed-000': (): CampaignBlueprint => ({
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
    phases: SEED_000_TEMPLATE.phases.map((p) => ({
      key: p.key,
      label: p.label,
      startsAt: shanghaiMidnight(p.start),
      endsAt: endOfShanghaiDay(p.end), // S0-7: the last day counts in full, in Shanghai time
      capabilities: capabilitiesOf(p),
    })),
  }),
} as const satisfies Record<string, () => CampaignBlueprint>;
