import type { TestProject } from 'vitest/node';
import { ADMIN } from './accounts.ts';
import { type RunningServer, startServer } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one server every story runs against, e.g. http://127.0.0.1:41234. */
    serverUrl: string;
  }
}

/**
 * One server for the whole suite, started once (on a loaded machine starting and seeding it takes longer than most
 * stories): the built web app on embedded PGlite with the demo data. Stories share it, so each works on data of its
 * own (its own theme, its own new account) or compares against what the server says at that moment, never against
 * counts another story may change.
 */
let server: RunningServer | undefined;

export async function setup(project: TestProject) {
  // 40 generated entries in the live call: every screening state, some overdue, and T10 left free for the entry story.
  process.env.DEMO_ENTRIES = '40';
  server = await startServer({ admin: ADMIN });
  project.provide('serverUrl', server.url);
}

export async function teardown() {
  if (process.env.E2E_SERVER_LOG && server) console.error(server.log());
  await server?.stop();
}
