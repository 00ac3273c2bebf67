import type { FastifyBaseLogger } from 'fastify';

export interface Message {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  body: string;
}

/**
 * Where messages go out. Code never calls a transport: it writes the message to the outbox in its transaction
 * (platform/outbox), and the outbox worker hands it to the transport after commit.
 */
export interface Transport {
  /** `id` is the message's outbox row, the same on every attempt. */
  deliver(message: Message, meta?: { id: string }): Promise<void>;
}

/** Without SMTP (or an SMS gateway) messages stay in the outbox and the server log, so embedded mode works. */
export function logTransport(log: FastifyBaseLogger): Transport {
  return {
    async deliver(m) {
      log.info({ channel: m.channel, to: m.to, subject: m.subject, body: m.body }, 'message (no transport configured)');
    },
  };
}

export async function smtpTransport(smtpUrl: string, from: string, log: FastifyBaseLogger): Promise<Transport> {
  const nodemailer = await import('nodemailer');
  const transporter = nodemailer.createTransport(smtpUrl);
  const fallback = logTransport(log);
  return {
    async deliver(m, meta) {
      if (m.channel === 'sms') return fallback.deliver(m);
      // The outbox id as Message-ID: a copy sent again after a crash is recognisably the same message.
      await transporter.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.body,
        ...(meta ? { messageId: `<${meta.id}@casearena.outbox>` } : {}),
      });
    },
  };
}
