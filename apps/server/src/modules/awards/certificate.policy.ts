/**
 * Who may do what to a certificate (issue 12 item 4): the organizer's manager (or the platform) revokes one not
 * revoked yet; anyone else is FORBIDDEN (and meets the route as NOT_FOUND). Issuing is awards.policy's whyNotIssue
 * (the set must be final).
 */
export type CertificateRefusal = 'FORBIDDEN' | 'WRONG_STATUS';

export function whyNotRevoke(organizer: boolean, certificate: { revokedAt: Date | null }): CertificateRefusal | null {
  if (!organizer) return 'FORBIDDEN';
  return certificate.revokedAt ? 'WRONG_STATUS' : null;
}
