import type { OutboxResources } from './outbox.zh-CN.ts';

export const outboxEn: OutboxResources = {
  outbox: {
    nav: 'Message delivery',
    title: 'Mail and SMS delivery',
    intro:
      'Every mail and SMS is queued together with the change it reports and sent right after it is saved; a failed send is retried automatically with growing pauses and, after the last attempt, marked failed, where you can send it again. Bodies are not shown here, to protect one-time codes.',
    statuses: { pending: 'Waiting', sending: 'Sending', sent: 'Sent', failed: 'Failed' },
    channels: { email: 'Email', sms: 'SMS' },
    all: 'All',
    none: 'No messages with this status',
    status: 'Status',
    recipient: 'Recipient',
    subject: 'Subject',
    attempts: 'Attempts',
    time: 'Time (Beijing)',
    sentAt: 'Sent',
    nextAttempt: 'Next attempt',
    lastError: 'Last error',
    actions: 'Actions',
    retry: 'Send again',
    retried: 'Sent again',
  },
};
