import { z } from 'zod';
import { ability } from './abilities.ts';
import { code, noNul, paged, ZId, ZIsoDateTime, ZPage } from './fields.ts';

export const ORG_KINDS = [
  'general_hospital',
  'tcm_hospital',
  'maternal_child_hospital',
  'specialty_hospital',
  'primary_care',
  'health_commission',
  'association',
  'research_institute',
  'university',
  'company',
  'media',
  'government',
  'social_org',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS = {
  general_hospital: { 'zh-CN': '综合医院', en: 'General hospital' },
  tcm_hospital: { 'zh-CN': '中医医院', en: 'TCM hospital' },
  maternal_child_hospital: { 'zh-CN': '妇幼保健院', en: 'Maternal and child hospital' },
  specialty_hospital: { 'zh-CN': '专科医院', en: 'Specialty hospital' },
  primary_care: { 'zh-CN': '基层医疗卫生机构', en: 'Primary care institution' },
  health_commission: { 'zh-CN': '卫生健康委员会', en: 'Health commission' },
  association: { 'zh-CN': '协会/学会', en: 'Association' },
  research_institute: { 'zh-CN': '科研院所', en: 'Research institute' },
  university: { 'zh-CN': '高等院校', en: 'University' },
  company: { 'zh-CN': '企业', en: 'Company' },
  media: { 'zh-CN': '媒体', en: 'Media' },
  government: { 'zh-CN': '其他政府部门', en: 'Other government body' },
  social_org: { 'zh-CN': '社会组织', en: 'Social organization' },
  other: { 'zh-CN': '其他', en: 'Other' },
} as const satisfies Record<OrgKind, Record<'zh-CN' | 'en', string>>;

export const HOSPITAL_KINDS = [
  'general_hospital',
  'tcm_hospital',
  'maternal_child_hospital',
  'specialty_hospital',
  'primary_care',
] as const satisfies readonly OrgKind[];

export const HOSPITAL_LEVELS = ['level3', 'level2', 'level1', 'unrated'] as const;
export type HospitalLevel = (typeof HOSPITAL_LEVELS)[number];
export const HOSPITAL_LEVEL_LABELS = {
  level3: { 'zh-CN': '三级', en: 'Tertiary' },
  level2: { 'zh-CN': '二级', en: 'Secondary' },
  level1: { 'zh-CN': '一级', en: 'Primary' },
  unrated: { 'zh-CN': '未定级', en: 'Unrated' },
} as const satisfies Record<HospitalLevel, Record<'zh-CN' | 'en', string>>;

export const HOSPITAL_GRADES = ['A', 'B', 'C', 'none'] as const;
export type HospitalGrade = (typeof HOSPITAL_GRADES)[number];
export const HOSPITAL_GRADE_LABELS = {
  A: { 'zh-CN': '甲等', en: 'Grade A' },
  B: { 'zh-CN': '乙等', en: 'Grade B' },
  C: { 'zh-CN': '丙等', en: 'Grade C' },
  none: { 'zh-CN': '', en: '' },
} as const satisfies Record<HospitalGrade, Record<'zh-CN' | 'en', string>>;

export const REGION_LEVELS = ['province', 'city', 'county'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const ZRegion = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
});
export type TRegion = z.infer<typeof ZRegion>;

export const ZRegionCode = z.string().regex(/^\d{6}$/, code('REGION_INVALID'));

export const ZOrganization = z.object({
  id: ZId,
  name: z.string(),
  aliases: z.array(z.string()),
  kind: z.enum(ORG_KINDS),
  level: z.enum(HOSPITAL_LEVELS).nullable(),
  grade: z.enum(HOSPITAL_GRADES).nullable(),
  regionCode: z.string().nullable(),
  /** e.g. 河南省 / 许昌市 / 禹州市 */
  regionPath: z.array(z.string()),
  isCountyLevel: z.boolean(),
  parent: z.object({ id: ZId, name: z.string() }).nullable(),
  createdAt: ZIsoDateTime,
});
export type TOrganization = z.infer<typeof ZOrganization>;

const ZOrgName = z.string().trim().min(2, code('TOO_SHORT')).max(100, code('TOO_LONG'));

const orgFields = {
  name: ZOrgName,
  aliases: z.array(ZOrgName).max(20, code('OUT_OF_RANGE')),
  kind: z.enum(ORG_KINDS, code('INVALID_CHOICE')),
  level: z.enum(HOSPITAL_LEVELS, code('INVALID_CHOICE')).nullable(),
  grade: z.enum(HOSPITAL_GRADES, code('INVALID_CHOICE')).nullable(),
  regionCode: ZRegionCode.nullable(),
  isCountyLevel: z.boolean(),
  parentId: ZId.nullable(),
};

export const ZOrganizationInput = z.object({
  ...orgFields,
  aliases: orgFields.aliases.default([]),
  level: orgFields.level.default(null),
  grade: orgFields.grade.default(null),
  regionCode: orgFields.regionCode.default(null),
  isCountyLevel: orgFields.isCountyLevel.default(false),
  parentId: orgFields.parentId.default(null),
});
export type TOrganizationInput = z.infer<typeof ZOrganizationInput>;
/** A patch names only what changes: no defaults here, or an omitted field would be reset. */
export const ZOrganizationPatch = z.object(orgFields).partial();
export type TOrganizationPatch = z.infer<typeof ZOrganizationPatch>;

export const ZOrganizationQuery = ZPage.extend({
  q: z.string().trim().max(100, code('TOO_LONG')).optional(),
  kind: z.enum(ORG_KINDS, code('INVALID_CHOICE')).optional(),
  regionCode: ZRegionCode.optional(),
});
export const ZOrganizationPage = paged(ZOrganization);

export const CERTIFICATION_KINDS = ['institution', 'professional'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];

export const CERTIFICATION_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type CertificationStatus = (typeof CERTIFICATION_STATUSES)[number];

/** The one transition table for certification requests; the server's writer checks edges against it. */
export const CERTIFICATION_TRANSITIONS = {
  pending: ['approved', 'rejected', 'withdrawn'],
  approved: [],
  rejected: [],
  withdrawn: [],
} as const satisfies Record<CertificationStatus, readonly CertificationStatus[]>;

/** Licence images or PDFs; sniffed from content on the server. */
export const CERTIFICATION_FILE = {
  maxBytes: 10 * 1024 * 1024,
  types: ['pdf', 'png', 'jpeg'] as const,
  label: 'PDF、PNG、JPG',
};

export const ZCertification = z.object({
  id: ZId,
  kind: z.enum(CERTIFICATION_KINDS),
  status: z.enum(CERTIFICATION_STATUSES),
  user: z.object({ id: ZId, name: z.string() }),
  organization: z.object({ id: ZId, name: z.string() }),
  title: z.string().nullable(),
  note: z.string().nullable(),
  decisionReason: z.string().nullable(),
  file: z.object({ id: ZId, name: z.string(), size: z.number().int(), type: z.string() }),
  createdAt: ZIsoDateTime,
  decidedAt: ZIsoDateTime.nullable(),
});
export type TCertification = z.infer<typeof ZCertification>;

/**
 * What the caller may do with a certification request now (issue 8 item 3): `true` or the code the route refuses
 * with, from the policy functions the routes ask (`orgs.policy.ts`). The applicant withdraws a pending request;
 * a reviewer approves or rejects one (`decide`).
 */
export const CERTIFICATION_REFUSALS = ['FORBIDDEN', 'WRONG_STATUS'] as const;
export type CertificationRefusal = (typeof CERTIFICATION_REFUSALS)[number];
export const ZCertificationAbilities = z.object({
  /** POST /api/certifications/:id/withdraw */
  withdraw: ability(CERTIFICATION_REFUSALS),
  /** POST /api/admin/certifications/:id/approve and …/reject */
  decide: ability(CERTIFICATION_REFUSALS),
});
export type TCertificationAbilities = z.infer<typeof ZCertificationAbilities>;
/** A certification request as its reader gets it: with the reader's abilities. */
export const ZCertificationView = ZCertification.extend({ abilities: ZCertificationAbilities });
export type TCertificationView = z.infer<typeof ZCertificationView>;

/** Multipart text fields that come with the licence file. */
export const ZCertificationRequestFields = z.object({
  kind: z.enum(CERTIFICATION_KINDS, code('INVALID_CHOICE')),
  organizationId: ZId,
  // Multipart fields: the JSON guard does not see them.
  title: z.string().trim().max(20, code('TOO_LONG')).refine(noNul, code('NUL_CHARACTER')).optional(),
  note: z.string().trim().max(500, code('TOO_LONG')).refine(noNul, code('NUL_CHARACTER')).optional(),
});
export type TCertificationRequestFields = z.infer<typeof ZCertificationRequestFields>;

export const ZRejectInput = z.object({ reason: z.string().trim().min(2, code('TOO_SHORT')).max(500, code('TOO_LONG')) });

export const ZCertificationQuery = ZPage.extend({ status: z.enum(CERTIFICATION_STATUSES).optional() });
export const ZCertificationPage = paged(ZCertificationView);

export const ZRegionQuery = z.object({ parentCode: ZRegionCode.optional() });
export const ZRegionList = z.object({ items: z.array(ZRegion) });
export const ZCertificationList = z.object({ items: z.array(ZCertificationView) });
