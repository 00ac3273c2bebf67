import { type FieldError, type RoundStatus, type TRoundInput, type TRoundScope, weightSum } from '@casearena/contract';

/** A field problem of the set, localized by the error handler (`rounds.2.closesAt`: ROUND_DATE_ORDER). */
export type Problem = Omit<FieldError, 'message'>;

/** What a round of the set is checked against: the campaign's own themes, tracks, phases and form. */
export interface SetFacts {
  themeIds: ReadonlySet<string>;
  trackKeys: ReadonlySet<string>;
  scoringPhases: ReadonlyArray<{ label: string; startsAt: Date; endsAt: Date }>;
  /** The entry's own fields (title, summary) and the form's non-file fields. */
  fieldKeys: ReadonlySet<string>;
  /** The form's attachment slots. */
  attachmentKeys: ReadonlySet<string>;
  /** The campaign's rounds as stored, by id. */
  existing: ReadonlyMap<string, StoredRound>;
  /** Ids the set brings that belong to another campaign's round. */
  foreignIds: ReadonlySet<string>;
}

/** A stored round as the set compares it: its status, and its editable fields as the PUT sends them. */
export interface StoredRound {
  status: RoundStatus;
  label: string;
  fields: RoundFields;
}

export type RoundFields = Omit<TRoundInput, 'id' | 'version'>;

/** The editable fields of a round input, its dates as UTC ISO strings (a +08:00 offset compares equal). */
export function fieldsOf(r: TRoundInput): RoundFields {
  const { id: _id, version: _version, ...fields } = r;
  return { ...fields, opensAt: new Date(r.opensAt).toISOString(), closesAt: new Date(r.closesAt).toISOString() };
}

/** JSON with sorted keys, so a stored jsonb value compares equal to the same value sent again. */
export function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
    if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([x], [y]) => (x < y ? -1 : 1));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  };
  return canonical(a) === canonical(b);
}

/** A round's themes and tracks: its own, or (advanced) those of the round its entries come from. */
export interface RoundReach {
  themeIds: string[];
  /** Empty: every track. */
  trackKeys: string[];
}

export function reachOf(
  round: { scope: TRoundScope },
  byId: ReadonlyMap<string, { scope: TRoundScope }>,
  seen: Set<string> = new Set(),
): RoundReach {
  const { scope } = round;
  if (scope.kind === 'themes') return { themeIds: scope.themeIds, trackKeys: scope.trackKeys ?? [] };
  const source = byId.get(scope.fromRoundId);
  if (!source || seen.has(scope.fromRoundId)) return { themeIds: [], trackKeys: [] };
  seen.add(scope.fromRoundId);
  return reachOf(source, byId, seen);
}

/** Whether two rounds may judge the same entries: a theme in common, and a track in common (or one takes all). */
export function reachesOverlap(a: RoundReach, b: RoundReach): boolean {
  if (!a.themeIds.some((t) => b.themeIds.includes(t))) return false;
  return a.trackKeys.length === 0 || b.trackKeys.length === 0 || a.trackKeys.some((k) => b.trackKeys.includes(k));
}

/** Rounds whose sheet's weights do not add up to the declared total (WEIGHTS_MISMATCH). */
export function weightProblems(rounds: TRoundInput[]): Array<Problem & { params: { sum: number; declared: number } }> {
  return rounds.flatMap((r, i) => {
    const sum = weightSum(r.sheet);
    return sum === r.sheet.weightTotal
      ? []
      : [{ path: `rounds.${i}.sheet.weightTotal`, code: 'WEIGHTS_SUM' as const, params: { sum, declared: r.sheet.weightTotal } }];
  });
}

function duplicates<T>(values: T[], path: (i: number) => string, out: Problem[]) {
  values.forEach((v, i) => {
    if (values.indexOf(v) !== i) out.push({ path: path(i), code: 'DUPLICATE' });
  });
}

/**
 * Every reason the set of rounds is refused (ROUNDS_INVALID), in the order of the set: dates inside one canScore
 * phase and a deadline after the opening, unique keys, ordinals and ids, the campaign's own themes, tracks and form
 * keys, an `advanced` scope naming an earlier round of the set, one current round per theme (no two rounds with a
 * theme and track in common whose dates overlap), the tie-break's criteria on the sheet, and a started round's sheet
 * and scope unchanged (a frozen round not changed at all, a started one not removed).
 */
export function setProblems(rounds: TRoundInput[], facts: SetFacts): Problem[] {
  const out: Problem[] = [];
  const at = (i: number, rest: string) => `rounds.${i}.${rest}`;
  duplicates(
    rounds.map((r) => r.key),
    (i) => at(i, 'key'),
    out,
  );
  duplicates(
    rounds.map((r) => r.ordinal),
    (i) => at(i, 'ordinal'),
    out,
  );
  duplicates(
    rounds.map((r, i) => r.id ?? `new:${i}`),
    (i) => at(i, 'id'),
    out,
  );
  const byId = new Map(rounds.filter((r) => r.id).map((r) => [r.id as string, r]));
  const phaseLabels = facts.scoringPhases.map((p) => p.label).join('、');

  rounds.forEach((r, i) => {
    if (r.id && facts.foreignIds.has(r.id)) out.push({ path: at(i, 'id'), code: 'INVALID' });
    const stored = r.id ? facts.existing.get(r.id) : undefined;
    if (stored && stored.status !== 'draft') {
      if (stored.status === 'frozen') {
        if (!sameJson(stored.fields, fieldsOf(r))) out.push({ path: `rounds.${i}`, code: 'ROUND_FROZEN' });
        return;
      }
      if (!sameJson(stored.fields.sheet, r.sheet)) out.push({ path: at(i, 'sheet'), code: 'ROUND_SHEET_LOCKED' });
      if (!sameJson(stored.fields.scope, r.scope)) out.push({ path: at(i, 'scope'), code: 'ROUND_SCOPE_LOCKED' });
    }
    if (r.id && stored && r.version === undefined) out.push({ path: at(i, 'version'), code: 'REQUIRED' });

    const opens = new Date(r.opensAt);
    const closes = new Date(r.closesAt);
    if (closes <= opens) out.push({ path: at(i, 'closesAt'), code: 'ROUND_DATE_ORDER' });
    else if (facts.scoringPhases.length === 0) out.push({ path: at(i, 'opensAt'), code: 'SCORING_PHASE_MISSING' });
    else if (!facts.scoringPhases.some((p) => p.startsAt <= opens && closes <= p.endsAt))
      out.push({ path: at(i, 'opensAt'), code: 'ROUND_OUTSIDE_SCORING', params: { phases: phaseLabels } });

    if (r.scope.kind === 'themes') {
      const { themeIds, trackKeys = [] } = r.scope;
      themeIds.forEach((t, j) => {
        if (!facts.themeIds.has(t)) out.push({ path: at(i, `scope.themeIds.${j}`), code: 'INVALID_CHOICE' });
      });
      duplicates(themeIds, (j) => at(i, `scope.themeIds.${j}`), out);
      trackKeys.forEach((k, j) => {
        if (!facts.trackKeys.has(k)) out.push({ path: at(i, `scope.trackKeys.${j}`), code: 'INVALID_CHOICE' });
      });
    } else {
      const source = byId.get(r.scope.fromRoundId);
      if (!source || source === r) out.push({ path: at(i, 'scope.fromRoundId'), code: 'INVALID_CHOICE' });
      else if (source.ordinal >= r.ordinal) out.push({ path: at(i, 'scope.fromRoundId'), code: 'ROUND_SOURCE_NOT_EARLIER' });
    }

    const criteria = r.sheet.criteria.map((c) => c.key);
    duplicates(criteria, (j) => at(i, `sheet.criteria.${j}.key`), out);
    r.tieBreak.forEach((t, j) => {
      if (t.startsWith('criterion:') && !criteria.includes(t.slice('criterion:'.length)))
        out.push({ path: at(i, `tieBreak.${j}`), code: 'INVALID_CHOICE' });
    });

    r.materials.fieldKeys.forEach((k, j) => {
      if (!facts.fieldKeys.has(k)) out.push({ path: at(i, `materials.fieldKeys.${j}`), code: 'INVALID_CHOICE' });
    });
    r.materials.attachmentKeys.forEach((k, j) => {
      if (!facts.attachmentKeys.has(k)) out.push({ path: at(i, `materials.attachmentKeys.${j}`), code: 'INVALID_CHOICE' });
    });
    const slotKeys = r.materials.extraSlots.map((s) => s.key);
    slotKeys.forEach((k, j) => {
      if (facts.fieldKeys.has(k) || facts.attachmentKeys.has(k) || slotKeys.indexOf(k) !== j)
        out.push({ path: at(i, `materials.extraSlots.${j}.key`), code: 'DUPLICATE' });
    });
  });

  // One current round per theme: of two rounds that overlap in time and reach, the later one (by ordinal) is named.
  const reaches = rounds.map((r) => reachOf(r, byId));
  rounds.forEach((r, i) => {
    const opens = new Date(r.opensAt);
    const closes = new Date(r.closesAt);
    const other = rounds.find(
      (o, j) =>
        j !== i &&
        (o.ordinal < r.ordinal || (o.ordinal === r.ordinal && j < i)) &&
        new Date(o.opensAt) < closes &&
        opens < new Date(o.closesAt) &&
        reachesOverlap(reaches[i] as RoundReach, reaches[j] as RoundReach),
    );
    if (other) out.push({ path: at(i, 'scope'), code: 'ROUND_THEME_OVERLAP', params: { label: other.label } });
  });

  // A started round stays in the set.
  const kept = new Set(rounds.map((r) => r.id).filter(Boolean));
  for (const [id, stored] of facts.existing)
    if (stored.status !== 'draft' && !kept.has(id))
      out.push({ path: 'rounds', code: 'ROUND_NOT_REMOVABLE', params: { label: stored.label } });
  return out;
}
