import type { CampaignStage, CampaignStatus } from '@casearena/contract';

interface PhaseTimes {
  key: string;
  label: string;
  startsAt: Date;
  endsAt: Date;
}

export interface CampaignTimeline {
  currentPhase: string | null;
  currentPhaseLabel: string | null;
  stage: CampaignStage;
  opensAt: string | null;
  nextDeadline: { phase: string; label: string; at: string } | null;
}

/**
 * Where a call stands at `now` (the injected clock): the running phase, upcoming / running / finished, and the next
 * deadline (the end of the running phase, or of the next one while between phases). Phases are in their order.
 * A closed call is finished (and runs no phase) whatever its dates say; a published call without phases counts as running.
 */
export function campaignTimeline(status: CampaignStatus, phases: PhaseTimes[], now: Date): CampaignTimeline {
  // A closed call runs no phase, even inside its dates.
  const running = status === 'closed' ? null : (phases.find((p) => p.startsAt <= now && now <= p.endsAt) ?? null);
  const first = phases[0];
  const last = phases.at(-1);
  const stage: CampaignStage =
    status === 'closed' || (last && now > last.endsAt) ? 'finished' : first && now < first.startsAt ? 'upcoming' : 'running';
  const next = stage === 'finished' ? undefined : (running ?? phases.find((p) => p.endsAt >= now));
  return {
    currentPhase: running?.key ?? null,
    currentPhaseLabel: running?.label ?? null,
    stage,
    opensAt: first ? first.startsAt.toISOString() : null,
    nextDeadline: next ? { phase: next.key, label: next.label, at: next.endsAt.toISOString() } : null,
  };
}
