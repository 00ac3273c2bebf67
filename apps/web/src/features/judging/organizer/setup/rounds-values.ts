import type {
  AggregationMethod,
  AttachmentType,
  TCriterion,
  TExtraSlot,
  TRoundInput,
  TRoundsView,
  TRoundView,
} from '@casearena/contract';

/**
 * The rounds editor's form values and their conversion to and from the API. Dates are edited as Beijing wall-clock
 * times (`YYYY-MM-DDTHH:mm`, a datetime-local input) whatever the device's zone; sizes in MB, video length in minutes.
 */

export interface SlotValues extends Omit<TExtraSlot, 'maxBytes'> {
  maxMb: number;
  maxMinutes: number | null;
}

export interface RoundValues {
  /** Every round has an id, a new one too (chosen here), so a later round of the set can name it as its source. */
  id: string;
  version?: number;
  key: string;
  label: string;
  ordinal: number;
  opensAt: string;
  closesAt: string;
  scopeKind: 'themes' | 'advanced';
  themeIds: string[];
  trackKeys: string[];
  fromRoundId: string | null;
  sheet: { criteria: TCriterion[]; weightTotal: number; recommendation: string[]; commentRequired: boolean };
  materials: { fieldKeys: string[]; attachmentKeys: string[]; extraSlots: SlotValues[] };
  blind: boolean;
  seeOthers: boolean;
  judgesPerEntry: number;
  maxLoad: number;
  method: AggregationMethod;
  tieBreak: string[];
}

export interface RoundsValues {
  rounds: RoundValues[];
}

const MB = 1024 * 1024;

const beijing = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as the Beijing wall-clock time a datetime-local input shows. */
export function toBeijingLocal(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = Object.fromEntries(beijing.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** China keeps +08:00 all year, so the wall-clock time plus that offset is the instant. */
export const fromBeijingLocal = (local: string): string => (local ? `${local}:00+08:00` : '');

export const toSlotValues = (s: TExtraSlot): SlotValues => ({
  ...s,
  maxMb: Math.round((s.maxBytes / MB) * 100) / 100,
  maxMinutes: s.videoRules?.maxSeconds ? s.videoRules.maxSeconds.seconds / 60 : null,
});

export function toRoundValues(r: TRoundView): RoundValues {
  const scope = r.scope;
  return {
    id: r.id,
    version: r.version,
    key: r.key,
    label: r.label,
    ordinal: r.ordinal,
    opensAt: toBeijingLocal(r.opensAt),
    closesAt: toBeijingLocal(r.closesAt),
    scopeKind: scope.kind,
    themeIds: scope.kind === 'themes' ? scope.themeIds : [],
    trackKeys: scope.kind === 'themes' ? (scope.trackKeys ?? []) : [],
    fromRoundId: scope.kind === 'advanced' ? scope.fromRoundId : null,
    sheet: {
      criteria: r.sheet.criteria,
      weightTotal: r.sheet.weightTotal,
      recommendation: r.sheet.recommendation ?? [],
      commentRequired: r.sheet.commentRequired,
    },
    materials: {
      fieldKeys: r.materials.fieldKeys,
      attachmentKeys: r.materials.attachmentKeys,
      extraSlots: r.materials.extraSlots.map(toSlotValues),
    },
    blind: r.blind,
    seeOthers: r.seeOthers,
    judgesPerEntry: r.judgesPerEntry,
    maxLoad: r.maxLoad,
    method: r.method,
    tieBreak: r.tieBreak,
  };
}

export const toRoundsValues = (view: TRoundsView): RoundsValues => ({ rounds: view.rounds.map(toRoundValues) });

function toSlot(s: SlotValues): TExtraSlot {
  const { maxMb, maxMinutes, ...rest } = s;
  const videoRules =
    maxMinutes && rest.types.includes('mp4' as AttachmentType)
      ? { ...rest.videoRules, maxSeconds: { level: 'enforce' as const, seconds: Math.round(maxMinutes * 60) } }
      : rest.videoRules?.aspectRatio
        ? { aspectRatio: rest.videoRules.aspectRatio }
        : undefined;
  return { ...rest, maxBytes: Math.round((maxMb ?? 0) * MB), videoRules };
}

/** What PUT …/judging/rounds takes for one round; a round never saved sends its id but no version. */
export function toRoundInput(v: RoundValues): TRoundInput {
  const recommendation = (v.sheet.recommendation ?? []).filter((x) => x.trim() !== '');
  return {
    id: v.id,
    version: v.version,
    key: v.key,
    label: v.label,
    ordinal: v.ordinal,
    opensAt: fromBeijingLocal(v.opensAt),
    closesAt: fromBeijingLocal(v.closesAt),
    scope:
      v.scopeKind === 'advanced'
        ? { kind: 'advanced', fromRoundId: v.fromRoundId ?? '' }
        : { kind: 'themes', themeIds: v.themeIds ?? [], ...(v.trackKeys?.length ? { trackKeys: v.trackKeys } : {}) },
    sheet: {
      criteria: v.sheet.criteria ?? [],
      weightTotal: v.sheet.weightTotal,
      ...(recommendation.length > 0 ? { recommendation } : {}),
      commentRequired: Boolean(v.sheet.commentRequired),
    },
    materials: {
      fieldKeys: v.materials.fieldKeys ?? [],
      attachmentKeys: v.materials.attachmentKeys ?? [],
      extraSlots: (v.materials.extraSlots ?? []).map(toSlot),
    },
    blind: Boolean(v.blind),
    seeOthers: Boolean(v.seeOthers),
    judgesPerEntry: v.judgesPerEntry,
    maxLoad: v.maxLoad,
    method: v.method,
    tieBreak: v.tieBreak ?? [],
  };
}

/** A new round after the others: its own id, the next ordinal and key, the first scoring phase's dates. */
export function newRound(
  others: RoundValues[],
  phases: TRoundsView['scoringPhases'],
  themeIds: string[],
  sheet: RoundValues['sheet'],
): RoundValues {
  const ordinal = Math.max(0, ...others.map((r) => r.ordinal)) + 1;
  const keys = new Set(others.map((r) => r.key));
  let n = ordinal;
  while (keys.has(`round_${n}`)) n += 1;
  const phase = phases[0];
  return {
    id: crypto.randomUUID(),
    key: `round_${n}`,
    label: '',
    ordinal,
    opensAt: phase ? toBeijingLocal(phase.startsAt) : '',
    closesAt: phase ? toBeijingLocal(phase.endsAt) : '',
    scopeKind: others.length > 0 ? 'advanced' : 'themes',
    themeIds: others.length > 0 ? [] : themeIds,
    trackKeys: [],
    fromRoundId: others.length > 0 ? (others[others.length - 1]?.id ?? null) : null,
    sheet: structuredClone(sheet),
    materials: { fieldKeys: ['title', 'summary'], attachmentKeys: [], extraSlots: [] },
    blind: true,
    seeOthers: false,
    judgesPerEntry: 3,
    maxLoad: 100,
    method: 'mean',
    tieBreak: [],
  };
}

/** The sheet as the form holds it, from a contract preset (SEED_000_SHEET, SEED_001_SHEET). */
export const sheetValues = (s: {
  criteria: TCriterion[];
  weightTotal: number;
  recommendation?: string[];
  commentRequired: boolean;
}): RoundValues['sheet'] => ({
  criteria: structuredClone(s.criteria),
  weightTotal: s.weightTotal,
  recommendation: s.recommendation ?? [],
  commentRequired: s.commentRequired,
});

/** The sum of the weights as typed, to 6 decimals like the server's check. */
export const typedWeightSum = (criteria: Array<Partial<TCriterion>> | undefined) =>
  Math.round((criteria ?? []).reduce((sum, c) => sum + (Number(c?.weight) || 0), 0) * 1e6) / 1e6;
