/**
 * Who made an automatic change. A timed job acts for nobody: its audit events carry `actorId: null` and name the
 * job in `data.actor`, so "who did this" is never a person who did not act (e.g. the applicant of an entry the
 * correction-deadline sweep excluded). A new job adds its name here.
 */
export const SYSTEM_ACTORS = ['system:correction-sweep'] as const;
export type SystemActor = (typeof SYSTEM_ACTORS)[number];
