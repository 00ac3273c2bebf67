import { ATTACHMENT_RULE_MESSAGES, ruleProblemMessage, type TRuleProblem } from './attachment-rules.ts';

/**
 * The one error vocabulary. Every refusal the API makes carries one of these codes; the server maps a code
 * to an HTTP status once (in its error handler) and the web app translates it with the same messages.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BODY_TOO_LARGE: 413,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 429,
  RATE_LIMITED: 429,
  CSRF_FAILED: 403,
  FORBIDDEN: 403,
  RECUSED: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  PHONE_TAKEN: 409,
  ORG_NAME_TAKEN: 409,
  ALREADY_PENDING: 409,
  WRONG_STATUS: 409,
  STALE_VERSION: 409,
  PHASE_CLOSED: 409,
  WRONG_PHASE: 409,
  CAMPAIGN_INCOMPLETE: 409,
  DUPLICATE_ENTRY: 409,
  DUPLICATE_CASE: 409,
  ORGANIZATION_REQUIRED: 409,
  ALREADY_MEMBER: 409,
  ALREADY_INVITED: 409,
  RESET_CODE_INVALID: 400,
  FILE_TYPE_NOT_ALLOWED: 415,
  FILE_TOO_LARGE: 413,
  FILE_REQUIRED: 400,
  FILE_CONTENT_INVALID: 422,
  ARCHIVE_TOO_LARGE: 422,
  FILE_RULES_FAILED: 422,
  UPLOAD_OFFSET_MISMATCH: 409,
  UPLOADS_OPEN_LIMIT: 409,
  NOT_ELIGIBLE: 409,
  CORRECTION_CLOSED: 409,
  PLAN_STALE: 409,
  VOTING_NOT_OPEN: 409,
  VOTING_CLOSED: 409,
  NOT_VOTABLE: 409,
  ALREADY_VOTED_TODAY: 409,
  DAILY_VOTE_CAP: 409,
  ACCOUNT_TOO_NEW: 409,
  CERTIFICATION_REQUIRED: 403,
  CHALLENGE_REQUIRED: 428,
  SCORE_OUT_OF_RANGE: 422,
  SCORE_TOO_PRECISE: 422,
  SCORE_MISSING: 422,
  COMMENT_REQUIRED: 422,
  WEIGHTS_MISMATCH: 422,
  ROUNDS_INVALID: 422,
  ROUND_NOT_OPEN: 409,
  ROUND_CLOSED: 409,
  SHEET_SUBMITTED: 409,
  JUDGE_ALREADY_IN_POOL: 409,
  INVITE_INVALID: 410,
  ASSIGNMENT_RECUSED: 409,
  PREVIEW_UNAVAILABLE: 503,
  BLIND_FILE_UNMASKABLE: 409,
  ROUND_MATERIALS_LOCKED: 409,
  AUDIT_UNAVAILABLE: 503,
  NOT_STAGE_JUDGE: 403,
  NOT_PRESENTING: 409,
  STAGE_NOT_SCORING: 409,
  STAGE_INCOMPLETE: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  AWARD_SOURCE_NOT_FROZEN: 409,
  AWARD_SOURCE_MISSING: 409,
  AWARDS_NOT_FROZEN: 409,
  NOTICE_NOT_OPEN: 409,
  NOTICE_ENDED: 409,
  NOTICE_NOT_ENDED: 409,
  OBJECTIONS_OPEN: 409,
  NOT_ON_NOTICE: 409,
  CERTIFICATE_INVALID: 404,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export type Locale = 'zh-CN' | 'en';
export const LOCALES = ['zh-CN', 'en'] as const satisfies readonly Locale[];

type Messages = Record<Locale, string>;

/** `{name}` placeholders are filled from the error's params. */
export const ERROR_MESSAGES = {
  VALIDATION_FAILED: { 'zh-CN': '提交的内容有误，请按提示修改', en: 'Some fields are invalid; please correct them' },
  BODY_TOO_LARGE: { 'zh-CN': '提交的内容过大（上限 {limit}）', en: 'The request is too large (limit {limit})' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  INVALID_CREDENTIALS: { 'zh-CN': '账号或密码错误', en: 'Wrong account or password' },
  ACCOUNT_LOCKED: {
    'zh-CN': '密码错误次数过多，账号已临时锁定，请 {minutes} 分钟后再试或重置密码',
    en: 'Too many failed attempts; the account is locked for {minutes} minutes. Try later or reset your password',
  },
  RATE_LIMITED: { 'zh-CN': '操作过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  CSRF_FAILED: { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired; please reload and try again' },
  FORBIDDEN: { 'zh-CN': '您没有权限执行此操作', en: 'You are not allowed to do this' },
  RECUSED: {
    'zh-CN': '您所在的机构是该案例的申报单位，需回避，不能审核此案例',
    en: 'Your organization entered this case, so you are recused from screening it',
  },
  NOT_FOUND: { 'zh-CN': '内容不存在或您无权查看', en: 'Not found, or you cannot see it' },
  EMAIL_TAKEN: { 'zh-CN': '该邮箱已注册，请直接登录或找回密码', en: 'This email is already registered' },
  PHONE_TAKEN: { 'zh-CN': '该手机号已注册，请直接登录或找回密码', en: 'This phone number is already registered' },
  ORG_NAME_TAKEN: {
    'zh-CN': '已有同名机构“{name}”，请勿重复创建',
    en: 'An organization named "{name}" already exists',
  },
  ALREADY_PENDING: {
    'zh-CN': '您已有一条待审核的认证申请，请等待审核结果',
    en: 'You already have a certification request under review',
  },
  WRONG_STATUS: { 'zh-CN': '当前状态下不能执行此操作', en: 'This cannot be done in the current state' },
  STALE_VERSION: {
    'zh-CN': '内容已被他人或其他窗口修改，请比较后再保存',
    en: 'This was changed elsewhere; compare before saving',
  },
  PHASE_CLOSED: {
    'zh-CN': '当前不在申报时间内（申报截止：{deadline}，北京时间）',
    en: 'Submissions are closed (deadline {deadline}, Beijing time)',
  },
  WRONG_PHASE: {
    'zh-CN': '活动当前所处阶段不允许此操作（例如审核只能在开放审核的阶段进行）',
    en: 'The call’s current phase does not allow this (screening, for example, only in a phase open for it)',
  },
  CAMPAIGN_INCOMPLETE: {
    'zh-CN': '活动尚不能发布：请补全下列各项',
    en: 'The call cannot be published yet: complete the items listed',
  },
  DUPLICATE_ENTRY: {
    'zh-CN': '贵单位已在该主题申报过案例：每家医院每个主题限报一个（分院可单独申报）',
    en: 'Your organization already has an entry in this theme (one per organization; branches may enter separately)',
  },
  DUPLICATE_CASE: {
    'zh-CN': '该案例与贵单位已申报的案例“{title}”（{number}）高度相似（{percent}%），同一案例不得重复申报或一稿多投',
    en: 'This case is {percent}% similar to your entry "{title}" ({number}); one case may be entered only once',
  },
  ORGANIZATION_REQUIRED: {
    'zh-CN': '请先加入所在机构（在“我的账号”中申请机构认证，或接受机构管理员的邀请），再申报案例',
    en: 'Join your organization first (request certification in “My account”, or accept an administrator’s invitation)',
  },
  ALREADY_MEMBER: {
    'zh-CN': '该账号已是“{name}”的成员',
    en: 'This account is already a member of “{name}”',
  },
  ALREADY_INVITED: {
    'zh-CN': '已向该账号发出邀请，等待对方接受',
    en: 'This account has already been invited and has not answered yet',
  },
  RESET_CODE_INVALID: {
    'zh-CN': '验证码错误或已过期，请重新获取',
    en: 'The code is wrong or has expired; request a new one',
  },
  FILE_TYPE_NOT_ALLOWED: {
    'zh-CN': '文件类型不符合要求：只接受 {allowed}',
    en: 'File type not allowed: only {allowed} accepted',
  },
  FILE_TOO_LARGE: { 'zh-CN': '文件过大：不能超过 {limit}', en: 'File too large: at most {limit}' },
  FILE_REQUIRED: { 'zh-CN': '请上传文件', en: 'Please upload a file' },
  FILE_CONTENT_INVALID: {
    'zh-CN': '文件内容无法识别为 {kind}：{reason}',
    en: 'The file is not a valid {kind}: {reason}',
  },
  ARCHIVE_TOO_LARGE: { 'zh-CN': '文件已拒收：{reason}', en: 'The file was refused: {reason}' },
  FILE_RULES_FAILED: { 'zh-CN': '文件不符合本活动的要求：{reason}', en: 'The file does not meet this call’s rules: {reason}' },
  UPLOAD_OFFSET_MISMATCH: {
    'zh-CN': '上传进度不一致（服务器已收到 {offset} 字节），将从断点继续',
    en: 'Upload position mismatch (the server has {offset} bytes); resuming from there',
  },
  UPLOADS_OPEN_LIMIT: {
    'zh-CN': '该案例已有 {max} 个未完成的上传，请等待其完成，或 24 小时后再试',
    en: 'This entry already has {max} unfinished uploads; let one finish, or try again in 24 hours',
  },
  NOT_ELIGIBLE: { 'zh-CN': '贵单位不符合本次活动的申报条件：{reason}', en: 'Your organization is not eligible: {reason}' },
  CORRECTION_CLOSED: {
    'zh-CN': '修改期限已过（截止：{deadline}，北京时间），该案例已不能再提交',
    en: 'The correction deadline has passed ({deadline}, Beijing time)',
  },
  PLAN_STALE: {
    'zh-CN': '自预览以来有 {count} 个案例状态已变化，请重新预览后再执行',
    en: '{count} entries changed since the preview; preview again before applying',
  },
  VOTING_NOT_OPEN: {
    'zh-CN': '投票尚未开始，投票时间为 {start} 至 {end}（北京时间）',
    en: 'Voting has not opened yet; it runs from {start} to {end} (Beijing time)',
  },
  VOTING_CLOSED: {
    'zh-CN': '投票已结束（投票时间为 {start} 至 {end}，北京时间）',
    en: 'Voting has closed (it ran from {start} to {end}, Beijing time)',
  },
  NOT_VOTABLE: { 'zh-CN': '该案例不在投票范围内', en: 'This case is not open for votes' },
  ALREADY_VOTED_TODAY: {
    'zh-CN': '您今天已为该案例投过票，{next}（北京时间）后可再次投票',
    en: 'You have already voted for this case today; you can vote again from {next} (Beijing time)',
  },
  DAILY_VOTE_CAP: {
    'zh-CN': '您今天的 {cap} 票已用完，{next}（北京时间）后可继续投票',
    en: 'You have used all {cap} votes for today; you can vote again from {next} (Beijing time)',
  },
  ACCOUNT_TOO_NEW: {
    'zh-CN': '新注册账号需满 {hours} 小时后才能投票，{at}（北京时间）起可投票',
    en: 'New accounts can vote {hours} hours after registering: from {at} (Beijing time)',
  },
  CERTIFICATION_REQUIRED: {
    'zh-CN': '本次投票仅限已认证的医务人员或医疗机构参与，请先完成认证',
    en: 'Only certified medical professionals or institutions may vote here; please get certified first',
  },
  CHALLENGE_REQUIRED: {
    'zh-CN': '为防止刷票，请先完成人机验证后再投票',
    en: 'To stop vote brushing, please complete the check before voting',
  },
  SCORE_OUT_OF_RANGE: {
    'zh-CN': '“{criterion}”的得分须在 {min} 到 {max} 分之间',
    en: 'The score for “{criterion}” must be between {min} and {max}',
  },
  SCORE_TOO_PRECISE: {
    'zh-CN': '“{criterion}”的得分最多保留 {decimals} 位小数',
    en: 'The score for “{criterion}” may have at most {decimals} decimals',
  },
  SCORE_MISSING: { 'zh-CN': '请为“{criterion}”打分后再提交', en: 'Score “{criterion}” before submitting' },
  COMMENT_REQUIRED: {
    'zh-CN': '本轮评审要求填写评语，请填写后再提交',
    en: 'This round requires a comment; write one before submitting',
  },
  WEIGHTS_MISMATCH: {
    'zh-CN': '评分标准的权重合计为 {sum}，与设定的总分 {declared} 不一致',
    en: 'The criteria’s weights add up to {sum}, not the declared {declared}',
  },
  ROUNDS_INVALID: {
    'zh-CN': '评审轮次设置有 {count} 处问题，请按各项提示修改',
    en: 'The judging rounds have {count} problems; correct each one listed',
  },
  ROUND_NOT_OPEN: { 'zh-CN': '该评审轮次尚未开放评分', en: 'This judging round is not open for scoring' },
  ROUND_CLOSED: {
    'zh-CN': '该评审轮次已截止（截止时间：{deadline}，北京时间），不能再提交评分',
    en: 'This judging round has closed (deadline {deadline}, Beijing time); scores can no longer be submitted',
  },
  SHEET_SUBMITTED: { 'zh-CN': '评分表已提交并锁定，不能再修改', en: 'The score sheet has been submitted and is locked' },
  JUDGE_ALREADY_IN_POOL: {
    'zh-CN': '该专家已在本单位的专家库中',
    en: 'This expert is already in your expert pool',
  },
  INVITE_INVALID: {
    'zh-CN': '邀请链接无效或已失效，请联系主办方重新邀请',
    en: 'The invitation link is invalid or has expired; ask the organizer to invite you again',
  },
  ASSIGNMENT_RECUSED: {
    'zh-CN': '该专家需回避此案例，不能分配：{reason}',
    en: 'This expert is recused from the entry and cannot be assigned: {reason}',
  },
  PREVIEW_UNAVAILABLE: {
    'zh-CN': '此文件暂不能在线预览，请下载后查看',
    en: 'This file cannot be previewed online; please download it to view it',
  },
  BLIND_FILE_UNMASKABLE: {
    'zh-CN': '盲评轮次中，旧版 PPT（.ppt）无法隐去封面和版权页，暂不提供；请联系主办方索取 .pptx 版本',
    en: 'In a blind round a legacy PPT (.ppt) cannot have its cover and copyright pages hidden, so it is not served; ask the organizer for a .pptx version',
  },
  ROUND_MATERIALS_LOCKED: {
    'zh-CN': '评审轮次“{label}”已开始，不能再上传或更换本轮材料',
    en: 'The judging round “{label}” has begun; its materials can no longer be uploaded or replaced',
  },
  AUDIT_UNAVAILABLE: {
    'zh-CN': '审计日志拒绝记录此操作，操作未保存；请联系平台管理员',
    en: 'The audit log refused to record this change, so it was not saved; please tell the platform administrators',
  },
  NOT_STAGE_JUDGE: {
    'zh-CN': '您不是本场决赛的评委，不能为本场打分',
    en: 'You are not a judge of this stage, so you cannot score on it',
  },
  NOT_PRESENTING: {
    'zh-CN': '该案例不是当前正在评分的案例，请刷新后为台上的案例打分',
    en: 'This finalist is not the one being scored now; reload and score the finalist on stage',
  },
  STAGE_NOT_SCORING: {
    'zh-CN': '现在不是评分时间：主持人开启评分后才能提交，揭晓后不能再改',
    en: 'Scoring is not open: scores are taken once the host opens scoring and not after the reveal',
  },
  STAGE_INCOMPLETE: {
    'zh-CN': '本场还没有决赛案例或评委，不能开始',
    en: 'This stage has no finalists or no judges yet, so it cannot start',
  },
  IDEMPOTENCY_KEY_REUSED: {
    'zh-CN': '这次提交与此前以同一编号提交的分数不同，未被采用；请刷新后重新打分',
    en: 'This submission differs from the one sent earlier under the same key and was not taken; reload and score again',
  },
  AWARD_SOURCE_NOT_FROZEN: {
    'zh-CN': '奖项规则“{rule}”依据的结果尚未冻结（{source}），冻结后才能计算',
    en: 'The results the award rule “{rule}” reads ({source}) are not frozen yet; freeze them first',
  },
  AWARD_SOURCE_MISSING: {
    'zh-CN': '奖项规则“{rule}”找不到依据的结果（{source}），请检查规则设置',
    en: 'The award rule “{rule}” finds no results to read ({source}); check the rule',
  },
  AWARDS_NOT_FROZEN: {
    'zh-CN': '获奖结果尚未冻结，冻结后才能公示',
    en: 'The awards are not frozen yet; freeze them before the public notice',
  },
  NOTICE_NOT_OPEN: {
    'zh-CN': '本活动的获奖结果尚未公示，暂不受理异议',
    en: 'The results of this call are not on public notice yet, so objections are not taken',
  },
  NOTICE_ENDED: {
    'zh-CN': '公示期已于 {endsAt}（北京时间）结束，不再受理异议',
    en: 'The public notice ended on {endsAt} (Beijing time); objections are no longer taken',
  },
  NOTICE_NOT_ENDED: {
    'zh-CN': '公示期至 {endsAt}（北京时间）结束，结束后才能确认最终结果',
    en: 'The public notice runs until {endsAt} (Beijing time); results become final only after it ends',
  },
  OBJECTIONS_OPEN: {
    'zh-CN': '还有 {count} 条异议未处理完毕，全部处理后才能确认最终结果',
    en: '{count} objection(s) are still open; close every objection before the results become final',
  },
  NOT_ON_NOTICE: {
    'zh-CN': '该案例不在本次公示的获奖名单中，不能对其提出异议',
    en: 'This case is not on the notice’s list of awards, so no objection can be filed about it',
  },
  CERTIFICATE_INVALID: {
    'zh-CN': '未找到该证书：编号或校验码不正确，请核对证书上的二维码或链接',
    en: 'No such certificate: the number or the check code is wrong; check the QR code or link on the certificate',
  },
  INTERNAL: { 'zh-CN': '服务器出错了，请稍后重试', en: 'Something went wrong on our side; please try again' },
  DATABASE_UNAVAILABLE: {
    'zh-CN': '数据库暂时不可用，您的操作未保存，请稍后重试',
    en: 'The database is briefly unavailable; nothing was saved. Please try again shortly',
  },
} as const satisfies Record<ErrorCode, Messages>;

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

export interface FieldError {
  path: string;
  code: FieldErrorCode;
  message: string;
  params?: Record<string, string | number>;
}

export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    params?: Record<string, string | number>;
    fields?: FieldError[];
  };
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

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

/** Type lists (`PPTX、PPT`) are joined with the Chinese enumeration comma; English reads them with slashes. */
function listParam(value: string | number | undefined, locale: Locale): string | number | undefined {
  return locale === 'en' && typeof value === 'string' ? value.split('、').join(' / ') : value;
}

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

export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  const rule = params?.rule;
  if (code === 'FILE_RULES_FAILED' && typeof rule === 'string' && rule in ATTACHMENT_RULE_MESSAGES) {
    const p = { ...params, rule, level: 'enforce' as const } as Record<string, unknown>;
    const split = (v: unknown) => (typeof v === 'string' && v !== '' ? v.split('|') : undefined);
    const reason = ruleProblemMessage(
      { ...(p as TRuleProblem), slides: split(p.slides)?.map(Number), missing: split(p.missing) },
      locale,
    );
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  if (code === 'ARCHIVE_TOO_LARGE' && typeof rule === 'string' && rule in ARCHIVE_REASONS) {
    const reason = fill(ARCHIVE_REASONS[rule as keyof typeof ARCHIVE_REASONS][locale], params);
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  if (code === 'FILE_CONTENT_INVALID' && typeof rule === 'string' && rule in FILE_CONTENT_REASONS) {
    const reason = FILE_CONTENT_REASONS[rule as keyof typeof FILE_CONTENT_REASONS][locale];
    return fill(ERROR_MESSAGES[code][locale], { ...params, kind: listParam(params?.kind, locale) ?? '', reason });
  }
  if (code === 'FILE_TYPE_NOT_ALLOWED' && params?.allowed !== undefined)
    return fill(ERROR_MESSAGES[code][locale], { ...params, allowed: listParam(params.allowed, locale) ?? '' });
  if (code === 'NOT_ELIGIBLE' && typeof rule === 'string' && rule in ELIGIBILITY_REASONS) {
    const reason = fill(ELIGIBILITY_REASONS[rule as keyof typeof ELIGIBILITY_REASONS][locale], params);
    return fill(ERROR_MESSAGES[code][locale], { ...params, reason });
  }
  return fill(ERROR_MESSAGES[code][locale], params);
}

export function fieldMessage(code: FieldErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  return fill(FIELD_MESSAGES[code][locale], params);
}

/** Picks the best supported locale from an Accept-Language header or a stored preference. */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}
