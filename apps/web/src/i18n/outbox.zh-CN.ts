/** Strings of the staff page for mail and SMS delivery (`outbox`); merged into the translation. */
export const outboxZhCN = {
  outbox: {
    nav: '消息发送',
    title: '邮件与短信发送情况',
    intro:
      '每条邮件和短信都随业务操作一起写入发送队列，提交后立即发送；失败时自动按间隔重试，多次失败后标为“发送失败”，可在此重新发送。为保护验证码等内容，这里不显示正文。',
    statuses: { pending: '等待发送', sending: '发送中', sent: '已发送', failed: '发送失败' },
    channels: { email: '邮件', sms: '短信' },
    all: '全部',
    none: '没有此状态的消息',
    status: '状态',
    recipient: '收件人',
    subject: '主题',
    attempts: '尝试次数',
    time: '时间（北京时间）',
    sentAt: '发送于',
    nextAttempt: '下次尝试',
    lastError: '最近一次错误',
    actions: '操作',
    retry: '重新发送',
    retried: '已重新发送',
  },
};

export type OutboxResources = typeof outboxZhCN;
