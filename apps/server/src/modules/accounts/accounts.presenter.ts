import type { CertificationLevel, TUser } from '@casearena/contract';
import type { UserRow } from './accounts.repo.ts';

export function presentUser(user: UserRow, orgName: string | null, certificationLevel: CertificationLevel): TUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    phone: user.phone,
    role: user.role,
    organization: user.organizationId && orgName ? { id: user.organizationId, name: orgName } : null,
    organizationRole: user.organizationId && orgName ? (user.organizationRole ?? 'member') : null,
    department: user.department,
    title: user.title,
    certificationLevel,
    locale: user.locale,
    createdAt: user.createdAt.toISOString(),
  };
}
