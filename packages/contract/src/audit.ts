/** Every kind of audited event. A new state change adds its kind here first. */
export const AUDIT_KINDS = [
  'user.registered',
  'user.locked_out',
  'user.password_reset_requested',
  'user.password_reset',
  'user.profile_updated',
  'user.role_changed',
  'org.created',
  'org.updated',
  'certification.requested',
  'certification.approved',
  'certification.rejected',
  'certification.withdrawn',
  'campaign.created',
  'campaign.published',
  'campaign.closed',
  'entry.created',
  'entry.saved',
  'entry.submitted',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];
