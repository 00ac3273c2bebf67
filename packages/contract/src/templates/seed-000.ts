/**
 * Seed 000 — 健康界 第七季改善医疗服务行动全国医院擂台赛 (2021-2022), as a campaign template.
 * Themes and recommended directions are verbatim from the call (S0-3); the test compares them with the seed text.
 * Dates are calendar days in Asia/Shanghai; a phase lasts until the end of its last day (S0-7, X-2).
 */
export const SEED_000_TEMPLATE = {
  key: 'seed-000',
  title: '第七季改善医疗服务行动全国医院擂台赛',
  organizer: '健康界',
  eligibility: { note: '全国地市级及以上医疗机构', minRegionLevel: 'city' }, // S0-1
  entryRules: { onePerOrganizationPerTheme: true, branchesMayEnterSeparately: true }, // S0-6
  consent: '参赛医院对所申报案例的真实性负责，并同时授权健康界进行包括线上线下传播在内的各种非营利性使用。', // S0-9
  screening: { workingDays: 2 }, // S0-8
  /** S0-14 "票数+1 / +15 / +50": a registered user, a certified medical professional, a certified institution. */
  voteWeights: { none: 1, professional: 15, institution: 50 },
  attachments: [
    { key: 'ppt', label: '案例PPT', required: true, types: ['pptx', 'ppt'], maxBytes: 30 * 1024 * 1024 }, // S0-4
    { key: 'video', label: '短视频', required: false, types: ['mp4'], maxBytes: 700 * 1024 * 1024, maxSeconds: 180 }, // S0-5
  ],
  introduction:
    '<p>为贯彻落实《进一步改善医疗服务行动计划》，健康界举办第七季改善医疗服务行动全国医院擂台赛，面向全国地市级及以上医疗机构征集改善医疗服务的优秀案例。</p><p>提交材料：案例PPT（必要项）+ 短视频（非必要项）。一家医院每个主题只能申报一个案例，但医院有分院的情况除外。</p>',
  /** S0-2: hospital, contact and case information; the PPT and video slots (S0-4, S0-5). */
  form: [
    { kind: 'short_text', key: 'department', label: '申报科室', help: '', required: true, maxChars: 30 },
    { kind: 'person', key: 'contact', label: '联系人', help: '姓名、职务、手机、邮箱，用于审核结果通知', required: true },
    {
      kind: 'attachment',
      key: 'ppt',
      label: '案例PPT',
      help: '拟解决问题、计划达成目标、改进方法与实践过程、量化效果与价值、经验总结；文字不小于14号，勿做叠加和动画；请保留模板版权声明页',
      required: true,
      types: ['pptx', 'ppt'],
      maxBytes: 30 * 1024 * 1024,
      // S0-4. The copyright page is a must ("否则案例将被退回"), so an upload without it is refused at once; the
      // other rules are read heuristically from the slides and only warn, leaving the call to the screener.
      pptRules: {
        copyrightPage: { level: 'enforce', text: '版权' },
        noAnimations: { level: 'warn' },
        minFontPt: { level: 'warn', pt: 14 },
        requiredParts: {
          level: 'warn',
          parts: [
            { key: 'problem', label: '拟解决问题（1~2页）', keywords: ['问题', '现状', '痛点'] },
            { key: 'goals', label: '计划达成目标（1~2页）', keywords: ['目标'] },
            { key: 'methods', label: '改进方法与实践过程（10~15页）', keywords: ['方法', '措施', '实践', '过程', '做法'] },
            { key: 'results', label: '量化效果与价值（2~3页）', keywords: ['效果', '成效', '成果', '价值'] },
            { key: 'lessons', label: '经验总结或注意事项（1~2页）', keywords: ['经验', '总结', '注意事项', '体会', '启示'] },
          ],
        },
      },
    },
    {
      kind: 'attachment',
      key: 'video',
      label: '短视频',
      help: 'MP4格式，标清以上，时长不超3分钟，画面比例16:9',
      required: false,
      types: ['mp4'],
      maxBytes: 700 * 1024 * 1024,
      // S0-5 "标清以上，时长不超3分钟 … 画面比例16:9": read from the video's moov box. 标清 is taken as 480 lines.
      videoRules: {
        maxSeconds: { level: 'enforce', seconds: 180 },
        aspectRatio: { level: 'enforce', width: 16, height: 9, tolerance: 0.02 },
        minResolution: { level: 'enforce', long: 640, short: 480 },
      },
    },
  ],
  phases: [
    { key: 'submission', label: '案例申报', start: '2021-12-01', end: '2022-03-15', canSubmit: true, canScreen: true },
    // Screening goes on while the public votes: resubmissions after a return (S3-5) are decided then.
    { key: 'voting', label: '网络投票', start: '2022-03-16', end: '2022-03-20', canVote: true, canScreen: true },
    { key: 'preliminary', label: '专家初评', start: '2022-03-21', end: '2022-04-30', canScore: true },
    { key: 'final', label: '全国总决赛', start: '2022-05-27', end: '2022-05-28', canScore: true, live: true },
  ],
  themes: [
    {
      code: 'T01',
      title: '改善老年人就医体验',
      directions:
        '包括但不限于设立老年人快速预检通道、提供多渠道预约挂号服务、优化线上线下服务流程、提供便利的药事服务、推行出入院“一站式”服务、加强住院老年患者管理、安排专人提供导医服务、构建适老化就医环境、加强对老年人运用智能技术就医的宣传引导、推动老年人居家医疗服务。',
    },
    {
      code: 'T02',
      title: '健全急危重症救治与管理流程',
      directions:
        '一是优化接诊、治疗、转诊、管理的科学流程；二是强化胸痛、卒中、创伤、危重孕产妇、危重儿童和新生儿等救治中心的建设，构建快速、高效、广覆盖的急危重症医疗救治体系。',
    },
    {
      code: 'T03',
      title: '依托紧密型医联体提供连续性医疗服务',
      directions: '以医联体为载体、以信息化为支撑，不断增强医疗服务连续性，将患者安全管理融入医院管理各个环节，实现持续改进。',
    },
    {
      code: 'T04',
      title: '推进“三位一体”智慧医院建设',
      directions:
        '一是建设智慧医疗、智慧服务、智慧管理“三位一体”的智慧医院信息系统，探索线上线下一体化医疗服务模式；二是应用智能可穿戴设备、人工智能辅助诊断和治疗系统等智慧服务软硬件，提高医疗服务的智慧化、个性化水平。',
    },
    {
      code: 'T05',
      title: '推广多学科诊疗模式',
      directions:
        '一是针对肿瘤、疑难复杂疾病、多系统多器官疾病等开设多学科诊疗门诊，为患者提供“一站式”诊疗服务；二是将麻醉、医学检验、医学影像、病理、药学等专业技术人员纳入多学科诊疗团队，提升疾病综合诊疗水平和患者医疗服务舒适性。',
    },
    {
      code: 'T06',
      title: '完善与拓展日间医疗服务',
      directions:
        '扩大日间手术病种范围，缩短患者等待住院和手术的时间，提高医疗服务效率。鼓励有条件的医院设置日间病房、日间治疗中心等，为患者提供日间化疗、新生儿日间蓝光照射治疗等日间服务。',
    },
    {
      code: 'T07',
      title: '改善合理用药管理',
      directions:
        '一是利用信息化技术扩大处方审核和点评的范围，促进合理诊疗和合理用药指标持续改善；二是临床药师通过现场指导或者远程方式，指导基层医疗卫生机构医务人员提高合理用药水平。',
    },
    {
      code: 'T08',
      title: '持续深化优质护理',
      directions:
        '全面深化“以患者为中心”的服务理念，落实责任制整体护理，夯实基础护理质量，提高专科护理能力，积极发展“互联网+护理服务”，以及面向区域内患者提供延伸护理服务。',
    },
    {
      code: 'T09',
      title: '构建和谐医患关系',
      directions:
        '一是强化患者需求导向，开展公益慈善和社工、志愿者服务；二是做好医患沟通交流，增进理解与信任；三是完善医疗纠纷预防和处理机制，在更高起点上深化“平安医院”创建活动。',
    },
    {
      code: 'T10',
      title: '探索医防协同服务新模式',
      directions:
        '一是在控制单体规模的基础上适度建设发展多院区，增强防控重大疫情的迅速转换功能；二是推进传染病、创伤、重大公共卫生事件等专业类别的国家医学中心、国家区域医疗中心和省级医疗中心、省级区域医疗中心设置建设。',
    },
  ],
} as const;
