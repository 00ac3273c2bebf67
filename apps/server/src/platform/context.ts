import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { IdentityCache } from './auth/identity-cache.ts';
import type { Clock } from './clock/index.ts';
import type { DatabaseKind, Db } from './db/client.ts';
import type { Outbox } from './outbox/outbox.ts';
import type { Realtime } from './realtime/realtime.ts';
import type { Storage } from './storage/storage.ts';

/** What use cases may reach: no request, no reply, only the platform's services. */
export interface AppContext {
  config: Config;
  db: Db;
  dbKind: DatabaseKind;
  clock: Clock;
  /** Mail and SMS: written in the caller's transaction, delivered after commit with retries. */
  outbox: Outbox;
  storage: Storage;
  identity: IdentityCache;
  /** Live messages to open pages (vote counts), across nodes when Redis is configured. */
  realtime: Realtime;
  log: FastifyBaseLogger;
}

/** The signed-in user as every request sees it. */
export interface Actor {
  id: string;
  name: string;
  role: 'user' | 'staff' | 'admin';
  locale: 'zh-CN' | 'en';
  organizationId: string | null;
}
