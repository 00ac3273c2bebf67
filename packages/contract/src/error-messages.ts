import type { ErrorCode } from './error-codes.ts';
import type { Messages } from './locales.ts';

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
