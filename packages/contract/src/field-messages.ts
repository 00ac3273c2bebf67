import type { Messages } from './locales.ts';

/** Field-level problems, reported inside VALIDATION_FAILED as `details.fields`. */
export const FIELD_MESSAGES = {
  REQUIRED: { 'zh-CN': '此项必填', en: 'Required' },
  TOO_SHORT: { 'zh-CN': '至少 {min} 个字符', en: 'At least {min} characters' },
  TOO_LONG: { 'zh-CN': '不能超过 {max} 个字符', en: 'At most {max} characters' },
  REASON_REQUIRED: { 'zh-CN': '请填写原因（至少 2 个字）', en: 'Give a reason (at least 2 characters)' },
  REAL_NAME_REQUIRED: {
    'zh-CN': '请填写真实姓名（2–30 个字，不含数字和符号）',
    en: 'Give your real name (2–30 letters, no digits or symbols)',
  },
  CJK_TOO_LONG: {
    'zh-CN': '不能超过 {max} 字（当前 {count} 字）',
    en: 'At most {max} characters (now {count})',
  },
  EMAIL_INVALID: { 'zh-CN': '邮箱格式不正确', en: 'Not a valid email address' },
  PHONE_INVALID: {
    'zh-CN': '手机号格式不正确，应为 11 位中国大陆手机号',
    en: 'Not a valid mainland China mobile number (11 digits)',
  },
  EMAIL_OR_PHONE_REQUIRED: { 'zh-CN': '请填写邮箱或手机号', en: 'Enter an email or a mobile number' },
  PASSWORD_WEAK: {
    'zh-CN': '密码至少 8 位，且需同时包含字母和数字',
    en: 'At least 8 characters with both letters and digits',
  },
  CODE_INVALID: { 'zh-CN': '验证码为 6 位数字', en: 'The code has 6 digits' },
  NOT_A_NUMBER: { 'zh-CN': '请输入数字', en: 'Enter a number' },
  OUT_OF_RANGE: { 'zh-CN': '数值超出范围', en: 'Value out of range' },
  INVALID_CHOICE: { 'zh-CN': '请选择有效的选项', en: 'Choose a valid option' },
  REGION_INVALID: { 'zh-CN': '行政区划代码不存在', en: 'Unknown region code' },
  TAKEN: { 'zh-CN': '已被其他账号或机构使用', en: 'Already used by another account or organization' },
  INVALID: { 'zh-CN': '格式不正确', en: 'Invalid value' },
  UNKNOWN_FIELD: { 'zh-CN': '表单中没有此项', en: 'No such field in the form' },
  FILE_REQUIRED: { 'zh-CN': '请上传此附件', en: 'Please upload this file' },
  CJK_TOO_SHORT: { 'zh-CN': '至少 {min} 字（当前 {count} 字）', en: 'At least {min} characters (now {count})' },
  SECTIONS_MISSING: { 'zh-CN': '缺少以下部分：{sections}', en: 'Missing sections: {sections}' },
  INTEGER_REQUIRED: { 'zh-CN': '请输入整数', en: 'Enter a whole number' },
  TOO_SMALL: { 'zh-CN': '不能小于 {min}', en: 'At least {min}' },
  TOO_LARGE: { 'zh-CN': '不能大于 {max}', en: 'At most {max}' },
  TOO_MANY_ROWS: { 'zh-CN': '最多 {max} 项（当前 {count} 项）', en: 'At most {max} rows (now {count})' },
  TOO_FEW_ROWS: { 'zh-CN': '至少 {min} 项（当前 {count} 项）', en: 'At least {min} rows (now {count})' },
  DUPLICATE: { 'zh-CN': '不能重复', en: 'Must not repeat' },
  ACCOUNT_NOT_FOUND: {
    'zh-CN': '没有使用该邮箱或手机号的账号，请对方先注册',
    en: 'No account uses this email or mobile number; ask them to register first',
  },
  PHASE_ENDED: { 'zh-CN': '阶段“{label}”已结束，请调整日期', en: 'The phase “{label}” is already over; adjust its dates' },
  SUBMISSION_PHASE_MISSING: { 'zh-CN': '至少需要一个可申报的阶段', en: 'At least one phase must take submissions' },
  PHASE_ORDER: { 'zh-CN': '各阶段须按时间先后排列', en: 'Phases must be in date order' },
  NUL_CHARACTER: { 'zh-CN': '不能包含空字符（U+0000）', en: 'Must not contain the NUL character (U+0000)' },
  TOO_DEEP: { 'zh-CN': '内容嵌套层级过深（最多 {max} 层）', en: 'Nested too deeply (at most {max} levels)' },
  ROUND_OUTSIDE_SCORING: {
    'zh-CN': '评审时间须在活动的一个评审阶段之内（{phases}）',
    en: 'The round must lie within one of the call’s scoring phases ({phases})',
  },
  SCORING_PHASE_MISSING: {
    'zh-CN': '活动没有可评分的阶段，请先在活动设置中添加专家评审阶段',
    en: 'The call has no scoring phase; add an expert review phase to the call first',
  },
  ROUND_DATE_ORDER: { 'zh-CN': '截止时间须晚于开始时间', en: 'The deadline must be after the opening' },
  ROUND_SOURCE_NOT_EARLIER: {
    'zh-CN': '晋级案例须来自排在本轮之前的评审轮次',
    en: 'Advancing entries must come from a round ordered before this one',
  },
  ROUND_THEME_OVERLAP: {
    'zh-CN': '与“{label}”的评审时间重叠且包含相同主题：同一主题同一时间只能有一个评审轮次',
    en: 'Overlaps “{label}” in time and in themes: a theme has one current round at a time',
  },
  ROUND_SHEET_LOCKED: {
    'zh-CN': '该轮次已开始评审，评分标准不能再修改',
    en: 'This round has started; its score sheet can no longer change',
  },
  ROUND_SCOPE_LOCKED: {
    'zh-CN': '该轮次已开始评审，参评范围不能再修改',
    en: 'This round has started; its entries in scope can no longer change',
  },
  ROUND_FROZEN: { 'zh-CN': '该轮次结果已冻结，不能再修改', en: 'This round’s results are frozen; it can no longer change' },
  ROUND_NOT_REMOVABLE: {
    'zh-CN': '“{label}”已开始评审，不能删除',
    en: '“{label}” has started and cannot be removed',
  },
  WEIGHTS_SUM: {
    'zh-CN': '权重合计为 {sum}，应为 {declared}',
    en: 'The weights add up to {sum}, not {declared}',
  },
  MEMBERSHIP_NOT_EDITABLE: {
    'zh-CN': '所在机构不能在个人资料中修改：请申请机构认证，或接受机构管理员的邀请',
    en: 'Your organization cannot be set in the profile: request certification or accept an administrator’s invitation',
  },
} as const satisfies Record<string, Messages>;

export type FieldErrorCode = keyof typeof FIELD_MESSAGES;
