import { eq } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.ts';
import { outbox } from './mail.tables.ts';

export interface Message {
  channel: 'email' | 'sms';
  to: string;
  subject: string;
  body: string;
}

/** Where messages go out. Every message is first written to the outbox, then handed to the transport. */
export interface Transport {
  deliver(message: Message): Promise<void>;
}

export interface Sender {
  send(message: Message, at: Date): Promise<void>;
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
    async deliver(m) {
      if (m.channel === 'sms') return fallback.deliver(m);
      await transporter.sendMail({ from, to: m.to, subject: m.subject, text: m.body });
    },
  };
}

export function createSender(db: Db, transport: Transport): Sender {
  return {
    async send(message, at) {
      const [row] = await db
        .insert(outbox)
        .values({ channel: message.channel, recipient: message.to, subject: message.subject, body: message.body, createdAt: at })
        .returning({ id: outbox.id });
      try {
        await transport.deliver(message);
        if (row) await db.update(outbox).set({ sentAt: new Date() }).where(eq(outbox.id, row.id));
      } catch (err) {
        if (row)
          await db
            .update(outbox)
            .set({ error: String(err) })
            .where(eq(outbox.id, row.id));
        throw err;
      }
    },
  };
}
