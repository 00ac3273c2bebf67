import type { Actor } from '../context.ts';

/**
 * Who made an automatic change. A timed job acts for nobody: its audit events carry `actorId: null` and name the
 * job in `data.actor`, so "who did this" is never a person who did not act (e.g. the applicant of an entry the
 * correction-deadline sweep excluded). A new job adds its name here.
 */
export const SYSTEM_ACTORS = ['system:correction-sweep', 'system:judging-reminder'] as const;
export type SystemActor = (typeof SYSTEM_ACTORS)[number];

/** Who a writer (`transitionX({ tx, afterCommit, actor, … })`) acts for: a signed-in person or a timed job. */
export type WriterActor = Actor | SystemActor;

/**
 * The audit columns for a writer's actor: a person's id, or `actorId: null` and the job's name as `data.actor`
 * (spread `data` into the event's data).
 */
export function auditActor(actor: WriterActor): { actorId: string | null; data: { actor?: SystemActor } } {
  return typeof actor === 'string' ? { actorId: null, data: { actor } } : { actorId: actor.id, data: {} };
}

/** The person who acted, or null for a job (for columns such as `decided_by`). */
export const personId = (actor: WriterActor): string | null => (typeof actor === 'string' ? null : actor.id);
