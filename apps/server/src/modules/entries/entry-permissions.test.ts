import { ENTRY_STATUSES, type EntryStatus } from '@casearena/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../test/app.ts';
import { applicantOf, buildPptx, completeEntry, organizerMember, publishedCampaign } from '../../../test/entries.ts';
import { buildOrganization, signedInAs } from '../../../test/factories.ts';
import { createUpload, headUpload } from '../../../test/tus.ts';

/**
 * Issue 3 §7: {anonymous, applicant, another applicant, screener, staff of another organizer, platform admin} ×
 * every entry status × every action on an entry. Each cell names the HTTP status; a refused action leaves the entry
 * exactly as it was, and an allowed one is tried on an entry of its own and its effect checked (the entry's status,
 * version or title afterwards, the upload's offset, the object returned). apps/server/test/permissions.test.ts has
 * the table over every route.
 */
const ROLES = ['anonymous', 'applicant', 'anotherApplicant', 'screener', 'otherOrganizerStaff', 'platformAdmin'] as const;
type Role = (typeof ROLES)[number];
const ACTIONS = ['view', 'versions', 'changes', 'save', 'upload', 'submit', 'withdraw', 'screen'] as const;
type Action = (typeof ACTIONS)[number];

const EDITABLE: EntryStatus[] = ['draft', 'returned'];
const WITHDRAWABLE: EntryStatus[] = ['draft', 'submitted', 'returned'];

function expected(role: Role, action: Action, status: EntryStatus): number {
  if (role === 'anonymous') return 401;
  if (role === 'anotherApplicant' || role === 'otherOrganizerStaff') return 404; // they cannot tell it exists
  const reads = action === 'view' || action === 'versions' || action === 'changes';
  if (reads) return 200;
  if (role === 'applicant') {
    if (action === 'screen') return 403;
    if (action === 'save') return EDITABLE.includes(status) ? 200 : 409;
    if (action === 'upload') return EDITABLE.includes(status) ? 201 : 409;
    if (action === 'submit') return EDITABLE.includes(status) ? 200 : 409;
    return WITHDRAWABLE.includes(status) ? 200 : 409; // withdraw
  }
  // screener of the organizer, platform admin: they read and screen, never write the applicant's text.
  if (action === 'screen') return status === 'submitted' ? 200 : 409;
  return 403;
}

let t: TestApp;
let setup: Awaited<ReturnType<typeof publishedCampaign>>;
const clients = {} as Record<Exclude<Role, 'applicant'>, Client>;
let themeCursor = 0;

beforeAll(async () => {
  t = await startTestApp();
  t.clock.set('2022-01-10T02:00:00.000Z');
  setup = await publishedCampaign(t);
  clients.anonymous = new Client(t.app);
  clients.anotherApplicant = (await applicantOf(t, (await buildOrganization(t)).id)).client;
  clients.screener = (await organizerMember(t, setup.organizer.id, 'screener')).client;
  const otherOrganizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  clients.otherOrganizerStaff = (await organizerMember(t, otherOrganizer.id, 'manager')).client;
  clients.platformAdmin = (await signedInAs(t, 'admin')).client;
}, 120_000); // several accounts (scrypt) and a published call: allow for a busy machine
afterAll(() => t.close());

/** An entry of a fresh hospital brought into `status`, with its applicant's client. */
async function entryIn(status: EntryStatus) {
  const { client } = await applicantOf(t, (await buildOrganization(t)).id);
  const themeId = setup.campaign.themes[themeCursor++ % 10]?.id;
  const entry = (await client.post(`/api/campaigns/${setup.campaign.id}/entries`, { themeId, title: '权限测试案例' })).json();
  const version = await completeEntry(client, entry.id);
  if (status !== 'draft' && status !== 'withdrawn')
    await client.post(`/api/entries/${entry.id}/submit`, { version, consent: true });
  const decision = {
    passed: { decision: 'pass' },
    returned: { decision: 'return', reasons: '材料不全', suggestions: '', correctionDeadline: '2022-01-30' },
    excluded: { decision: 'exclude', reasons: '不属于该主题' },
  }[status as 'passed' | 'returned' | 'excluded'];
  if (decision) await setup.staff.post(`/api/entries/${entry.id}/screening`, decision);
  if (status === 'withdrawn') await client.post(`/api/entries/${entry.id}/withdraw`, { reason: '' });
  const current = (await client.get(`/api/entries/${entry.id}`)).json();
  if (current.status !== status) throw new Error(`could not bring an entry into ${status}: ${JSON.stringify(current)}`);
  return { owner: client, entry: current as { id: string; version: number; status: EntryStatus } };
}

async function act(client: Client, action: Action, entry: { id: string; version: number }) {
  switch (action) {
    case 'view':
      return client.get(`/api/entries/${entry.id}`);
    case 'versions':
      return client.get(`/api/entries/${entry.id}/versions`);
    case 'changes':
      return client.get(`/api/entries/${entry.id}/changes`);
    case 'save':
      return client.patch(`/api/entries/${entry.id}`, { version: entry.version, title: '改过的案例名称' });
    case 'upload':
      return createUpload(client, { entryId: entry.id, slot: 'ppt', filename: 'a.pptx', size: (await buildPptx()).length });
    case 'submit':
      return client.post(`/api/entries/${entry.id}/submit`, { version: entry.version, consent: true });
    case 'withdraw':
      return client.post(`/api/entries/${entry.id}/withdraw`, { reason: '' });
    case 'screen':
      return client.post(`/api/entries/${entry.id}/screening`, { decision: 'pass' });
  }
}

/** What an allowed action did, read back by the entry's owner; '' when it holds, else what was seen. */
async function effectMissing(
  action: Action,
  res: { json(): Record<string, unknown>; headers: Record<string, unknown> },
  owner: Client,
  client: Client,
  entry: { id: string; version: number; status: EntryStatus },
): Promise<string> {
  const now = (await owner.get(`/api/entries/${entry.id}`)).json();
  // A tus creation answers with headers only; the JSON answers are read when needed.
  const body = action === 'upload' ? {} : res.json();
  const seen = (ok: boolean, what: unknown) => (ok ? '' : JSON.stringify(what));
  switch (action) {
    case 'view':
      return seen(body.id === entry.id && body.status === entry.status, [body.id, body.status]);
    case 'versions':
      return seen(Math.max(...(body.items as Array<{ version: number }>).map((v) => v.version)) === entry.version, body.items);
    case 'changes':
      return seen(body.toVersion === entry.version, body.toVersion);
    case 'save':
      return seen(now.title === '改过的案例名称' && now.version === entry.version + 1, [now.title, now.version]);
    case 'upload': {
      const head = await headUpload(client, res.headers.location as string);
      return seen(head.statusCode === 200 && head.headers['upload-offset'] === '0', [
        head.statusCode,
        head.headers['upload-offset'],
      ]);
    }
    case 'submit':
      return seen(now.status === 'submitted' && now.number !== null, [now.status, now.number]);
    case 'withdraw':
      return seen(now.status === 'withdrawn', now.status);
    case 'screen':
      return seen(now.status === 'passed', now.status);
  }
}

describe('permission table: role × entry status × action', () => {
  for (const status of ENTRY_STATUSES) {
    it(`entries that are ${status}`, async () => {
      const shared = await entryIn(status);
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      const missing: string[] = [];
      // Refusals first, all on one entry, which must come out untouched.
      for (const role of ROLES) {
        for (const action of ACTIONS) {
          const code = expected(role, action, status);
          const mutates = !['view', 'versions', 'changes'].includes(action);
          if (mutates && code < 300) continue;
          const client = role === 'applicant' ? shared.owner : clients[role];
          want[`${role} ${action}`] = code;
          const res = await act(client, action, shared.entry);
          got[`${role} ${action}`] = res.statusCode;
          if (code < 300 && res.statusCode === code) {
            const why = await effectMissing(action, res, shared.owner, client, shared.entry);
            if (why) missing.push(`${role} ${action}: ${why}`);
          }
        }
      }
      const after = (await shared.owner.get(`/api/entries/${shared.entry.id}`)).json();
      expect([after.status, after.version]).toEqual([status, shared.entry.version]);
      // Each allowed change on an entry of its own.
      for (const role of ROLES) {
        for (const action of ACTIONS) {
          const code = expected(role, action, status);
          if (['view', 'versions', 'changes'].includes(action) || code >= 300) continue;
          const own = await entryIn(status);
          const client = role === 'applicant' ? own.owner : clients[role];
          want[`${role} ${action}`] = code;
          const res = await act(client, action, own.entry);
          got[`${role} ${action}`] = res.statusCode;
          if (res.statusCode === code) {
            const why = await effectMissing(action, res, own.owner, client, own.entry);
            if (why) missing.push(`${role} ${action}: ${why}`);
          }
        }
      }
      expect({ statuses: got, effectsMissing: missing }).toEqual({ statuses: want, effectsMissing: [] });
    });
  }
});
