import type { Messages } from './locales.ts';

/** Why an organization may not enter (NOT_ELIGIBLE's `rule` param), in each language. */
export const ELIGIBILITY_REASONS = {
  kinds: { 'zh-CN': '仅限{kinds}申报', en: 'only {kindsEn} may enter' },
  countyExcluded: {
    'zh-CN': '本次活动面向地市级及以上医疗机构，县级医疗机构不在申报范围内',
    en: 'the call is for prefecture-level institutions and above; county-level institutions may not enter',
  },
  countyOnly: { 'zh-CN': '仅限县级医疗机构申报', en: 'only county-level institutions may enter' },
  province: { 'zh-CN': '贵单位所在省份不在本次活动的申报范围内', en: 'your province is not covered by this call' },
  maxPerOrganization: { 'zh-CN': '每家单位最多申报 {max} 个案例', en: 'at most {max} entries per organization' },
  maxPerDepartment: {
    'zh-CN': '同一科室（{department}）最多申报 {max} 个案例',
    en: 'at most {max} entries per department ({department})',
  },
} as const satisfies Record<string, Messages>;

/** Why a file's content is not what its slot accepts (FILE_CONTENT_INVALID's `rule` param), in each language. */
export const FILE_CONTENT_REASONS = {
  corrupt: { 'zh-CN': '文件已损坏或不是有效的 Office 文档', en: 'the file is damaged or not an Office document' },
  wordNotSlides: { 'zh-CN': '这是 Word 文档，不是演示文稿', en: 'this is a Word document, not a presentation' },
  notSlides: {
    'zh-CN': '不是有效的演示文稿（可能是修改了扩展名的其他文件）',
    en: 'it is not a presentation (perhaps another file with its extension changed)',
  },
} as const satisfies Record<string, Messages>;

/** Why an archive (pptx, docx, zip) was refused (ARCHIVE_TOO_LARGE's `rule` param), in each language. */
export const ARCHIVE_REASONS = {
  entries: {
    'zh-CN': '压缩包内有 {found} 个文件，超过上限 {limit} 个',
    en: 'the archive holds {found} files, more than the limit of {limit}',
  },
  total: { 'zh-CN': '解压后共 {found}，超过上限 {limit}', en: 'it expands to {found}, more than the limit of {limit}' },
  part: {
    'zh-CN': '其中“{name}”解压后为 {found}，单个部分不能超过 {limit}',
    en: 'its part “{name}” expands to {found}; one part may hold at most {limit}',
  },
  ratio: {
    'zh-CN': '压缩比 {found}:1 异常（上限 {limit}:1），疑似压缩炸弹',
    en: 'a compression ratio of {found}:1 (limit {limit}:1) marks it as a zip bomb',
  },
  mismatch: {
    'zh-CN': '其中“{name}”解压出的内容多于声明的 {limit}，文件已损坏或被篡改',
    en: 'its part “{name}” holds more than the {limit} it declares; the file is damaged or forged',
  },
  time: { 'zh-CN': '检查超时（{limit} 秒）', en: 'checking it took longer than {limit} seconds' },
  memory: { 'zh-CN': '检查时占用内存过多', en: 'checking it needed too much memory' },
} as const satisfies Record<string, Messages>;
