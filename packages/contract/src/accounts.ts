import { z } from 'zod';
import { code, ZEmail, ZId, ZIsoDateTime, ZPassword, ZPersonName, ZPhone } from './fields.ts';

export const PLATFORM_ROLES = ['user', 'staff', 'admin'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

/** Professional titles (职称) by series, with the rank later rules compare (S4-3: 主治医师 or above …). */
export const TITLE_RANKS = { junior: 1, intermediate: 2, associate: 3, senior: 4 } as const;
export type TitleRank = keyof typeof TITLE_RANKS;

export const PROFESSIONAL_TITLES = {
  住院医师: 'junior',
  主治医师: 'intermediate',
  副主任医师: 'associate',
  主任医师: 'senior',
  护士: 'junior',
  护师: 'junior',
  主管护师: 'intermediate',
  副主任护师: 'associate',
  主任护师: 'senior',
  药士: 'junior',
  药师: 'junior',
  主管药师: 'intermediate',
  副主任药师: 'associate',
  主任药师: 'senior',
  技士: 'junior',
  技师: 'junior',
  主管技师: 'intermediate',
  副主任技师: 'associate',
  主任技师: 'senior',
  助理研究员: 'intermediate',
  副研究员: 'associate',
  研究员: 'senior',
} as const satisfies Record<string, TitleRank>;
export type ProfessionalTitle = keyof typeof PROFESSIONAL_TITLES;
export const PROFESSIONAL_TITLE_NAMES = Object.keys(PROFESSIONAL_TITLES) as [ProfessionalTitle, ...ProfessionalTitle[]];

export const ZProfessionalTitle = z.enum(PROFESSIONAL_TITLE_NAMES, code('INVALID_CHOICE'));

/** Vote weight levels (S0-14) follow from approved certifications. */
export const CERTIFICATION_LEVELS = ['none', 'professional', 'institution'] as const;
export type CertificationLevel = (typeof CERTIFICATION_LEVELS)[number];

export const ZRegisterInput = z
  .object({
    email: ZEmail.optional(),
    phone: ZPhone.optional(),
    password: ZPassword,
    name: ZPersonName,
  })
  .refine((v) => Boolean(v.email || v.phone), { ...code('EMAIL_OR_PHONE_REQUIRED'), path: ['email'] });
export type TRegisterInput = z.infer<typeof ZRegisterInput>;

/** An identifier is an email or a mainland mobile number. */
export const ZIdentifier = z.string().trim().min(1, code('REQUIRED')).max(254, code('TOO_LONG'));

export const ZLoginInput = z.object({ identifier: ZIdentifier, password: z.string().min(1, code('REQUIRED')).max(128) });
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZResetRequestInput = z.object({ identifier: ZIdentifier });
export const ZResetConfirmInput = z.object({
  identifier: ZIdentifier,
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, code('CODE_INVALID')),
  newPassword: ZPassword,
});
export type TResetConfirmInput = z.infer<typeof ZResetConfirmInput>;

export const ZOrganizationRef = z.object({ id: ZId, name: z.string() });

/** A member's standing in their organization: an administrator invites and removes members. */
export const ORG_ROLES = ['member', 'admin'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export const ZUser = z.object({
  id: ZId,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  role: z.enum(PLATFORM_ROLES),
  organization: ZOrganizationRef.nullable(),
  /** Null exactly when organization is null. */
  organizationRole: z.enum(ORG_ROLES).nullable(),
  department: z.string().nullable(),
  title: z.string().nullable(),
  certificationLevel: z.enum(CERTIFICATION_LEVELS),
  locale: z.enum(['zh-CN', 'en']),
  createdAt: ZIsoDateTime,
});
export type TUser = z.infer<typeof ZUser>;

export const ABILITIES = [
  'reviewCertifications',
  'manageOrganizations',
  'manageCampaigns',
  'requestCertification',
  /** Platform staff watch mail/SMS delivery and retry failed messages. */
  'manageOutbox',
] as const;
export type Ability = (typeof ABILITIES)[number];

export const ZMe = z.object({ user: ZUser, abilities: z.array(z.enum(ABILITIES)) });
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateProfileInput = z
  .object({
    name: ZPersonName,
    email: ZEmail.nullable(),
    phone: ZPhone.nullable(),
    /**
     * Not editable here: membership comes only from an approved certification, an administrator's invitation
     * or platform staff. A request that still sends it is refused (400, field code MEMBERSHIP_NOT_EDITABLE)
     * rather than silently ignored, so an old client learns why nothing changed.
     */
    organizationId: z.never(code('MEMBERSHIP_NOT_EDITABLE')),
    department: z.string().trim().max(50, code('TOO_LONG')).nullable(),
    title: ZProfessionalTitle.nullable(),
    locale: z.enum(['zh-CN', 'en']),
  })
  .partial();
export type TUpdateProfileInput = z.infer<typeof ZUpdateProfileInput>;
