import type { EntryStatus, TOrganization } from '@casearena/contract';
import { Client, type TestApp } from '../app.ts';
import { applicantOf, completeEntry, organizerMember, publishedCampaign } from '../entries.ts';
import { buildOrganization, buildUser, signIn, type TestUser } from '../factories.ts';

/**
 * Every kind of caller the permission table knows (issue 7), relative to one hospital (the "scene"'s) and one
 * organizer with a published seed-000 call:
 * - owner: an administrator of the hospital that owns the object; colleague: another (plain) member of it;
 * - otherHospital: a member of another hospital; user: signed in, in no organization;
 * - screener: the organizer's screener; recusedScreener: the organizer's screener who is also a member of the
 *   hospital (X-4); manager: the organizer's manager; otherOrganizerStaff: the manager of another organizer;
 * - admin: a platform administrator.
 */
export const KINDS = [
  'anonymous',
  'user',
  'owner',
  'colleague',
  'otherHospital',
  'screener',
  'recusedScreener',
  'manager',
  'otherOrganizerStaff',
  'admin',
] as const;
export type Kind = (typeof KINDS)[number];

/** Kinds whose account belongs to the scene's hospital. */
const HOSPITAL_KINDS: ReadonlySet<Kind> = new Set(['owner', 'colleague', 'recusedScreener']);

export interface Caller {
  kind: Kind;
  client: Client;
  /** null for anonymous */
  user: TestUser | null;
}

export interface Campaign {
  id: string;
  status: string;
  themes: Array<{ id: string; code: string }>;
  formVersion: number;
}

export interface SceneOptions {
  /** A new hospital with its own members, for rows that change the hospital itself or need its themes all free. */
  fresh?: boolean;
  /** These kinds get new accounts in this scene (the call changes the caller: an invitee accepts, a member leaves). */
  freshKinds?: readonly Kind[];
  /** Every caller gets a new session of its account (the call signs in, up or out). */
  freshSessions?: boolean;
}

export interface World {
  t: TestApp;
  organizer: TOrganization;
  otherOrganizer: TOrganization;
  otherHospital: TOrganization;
  /** The organizer's published seed-000 call, submissions open. */
  campaign: Campaign;
  /**
   * The organizer's second seed-000 call, published with its submission and 网络投票 phases both open on the world's
   * clock (January 2022), seed-000's vote rules: the voting rows' call.
   */
  votingCampaign: Campaign;
  /** The organizer's manager, who also sets objects up. */
  managerClient: Client;
  /**
   * A scene: a hospital and the callers relative to it. By default hospitals are pooled (their members are made
   * once and reused until the hospital has entered every theme); objects are always made anew by the rows.
   */
  scene(options?: SceneOptions): Promise<Scene>;
}

export interface Scene {
  hospital: TOrganization;
  caller(kind: Kind): Promise<Caller>;
  /** A theme of the call (default: the world's campaign) this hospital has not entered yet (each theme once). */
  nextTheme(campaign?: Campaign): string;
  /**
   * An entry of this hospital in the organizer's call (default: the world's campaign), brought into the status by the
   * owner and the manager.
   */
  entry(status: EntryStatus, options?: { complete?: boolean; campaign?: Campaign }): Promise<SceneEntry>;
}

export interface SceneEntry {
  id: string;
  version: number;
  status: EntryStatus;
  themeId: string;
  title: string;
}

/** Random CJK text, so that no two generated entries are similar. */
function distinctText(length: number): string {
  return Array.from({ length }, () => String.fromCharCode(0x4e00 + Math.floor(Math.random() * 0x5000))).join('');
}

/**
 * A seed-000 call of the organizer whose submission (1–31 January 2022) and 网络投票 (5–31 January) phases are both
 * open on 10 January, set up and published by its manager (phases may overlap; only their starts are ordered).
 */
async function campaignVotingNow(manager: Client, organizerId: string): Promise<Campaign> {
  const draft = (await manager.post('/api/campaigns', { templateKey: 'seed-000', organizerId })).json();
  const saved = await manager.patch(`/api/campaigns/${draft.id}`, {
    phases: [
      { key: 'submission', label: '案例申报', start: '2022-01-01', end: '2022-01-31', capabilities: ['canSubmit', 'canScreen'] },
      { key: 'voting', label: '网络投票', start: '2022-01-05', end: '2022-01-31', capabilities: ['canVote', 'canScreen'] },
    ],
  });
  if (saved.statusCode !== 200) throw new Error(`could not set the voting call's phases: ${saved.body}`);
  const published = await manager.post(`/api/campaigns/${draft.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`could not publish the voting call: ${published.body}`);
  return published.json() as Campaign;
}

export async function buildWorld(t: TestApp): Promise<World> {
  t.clock.set('2022-01-10T02:00:00.000Z'); // seed-000's submission phase is open
  const setup = await publishedCampaign(t);
  const organizer = setup.organizer;
  const otherOrganizer = await buildOrganization(t, { kind: 'media', level: null, grade: null });
  const otherHospital = await buildOrganization(t);
  const manager = await organizerMember(t, organizer.id, 'manager');
  const votingCampaign = await campaignVotingNow(manager.client, organizer.id);

  const make = async (kind: Kind, hospitalId: string): Promise<Caller> => {
    const signedIn = (made: { user: TestUser; client: Client }) => ({ kind, ...made });
    switch (kind) {
      case 'anonymous':
        return { kind, client: new Client(t.app), user: null };
      case 'user': {
        const user = await buildUser(t);
        return { kind, user, client: await signIn(t, user) };
      }
      case 'owner':
        return signedIn(await applicantOf(t, hospitalId, 'admin'));
      case 'colleague':
        return signedIn(await applicantOf(t, hospitalId, 'member'));
      case 'otherHospital':
        return signedIn(await applicantOf(t, otherHospital.id, 'member'));
      case 'screener':
        return signedIn(await organizerMember(t, organizer.id, 'screener'));
      case 'recusedScreener': {
        const made = await applicantOf(t, hospitalId, 'member');
        // Through the organizer's own people page, as a manager would.
        const added = await manager.client.post(`/api/organizations/${organizer.id}/organizer-members`, {
          identifier: made.user.email,
          role: 'screener',
        });
        if (added.statusCode !== 200) throw new Error(`could not add the recused screener: ${added.body}`);
        return signedIn(made);
      }
      case 'manager':
        return signedIn(await organizerMember(t, organizer.id, 'manager'));
      case 'otherOrganizerStaff':
        return signedIn(await organizerMember(t, otherOrganizer.id, 'manager'));
      case 'admin': {
        const user = await buildUser(t, { role: 'admin' });
        return { kind, user, client: await signIn(t, user) };
      }
    }
  };

  const shared = new Map<Kind, Promise<Caller>>();
  const sharedCaller = (kind: Kind, hospitalId: string) => {
    if (!shared.has(kind)) shared.set(kind, make(kind, hospitalId));
    return shared.get(kind) as Promise<Caller>;
  };

  interface Hospital {
    org: TOrganization;
    members: Map<Kind, Promise<Caller>>;
    /** Themes entered, per call. */
    themesUsed: Map<string, number>;
  }
  const newHospital = async (): Promise<Hospital> => ({
    org: await buildOrganization(t),
    members: new Map(),
    themesUsed: new Map(),
  });
  const exhausted = (h: Hospital) =>
    [world.campaign, world.votingCampaign].some((c) => (h.themesUsed.get(c.id) ?? 0) >= c.themes.length);
  let pooled: Hospital | null = null;
  const memo = (map: Map<Kind, Promise<Caller>>, kind: Kind, made: () => Promise<Caller>) => {
    if (!map.has(kind)) map.set(kind, made());
    return map.get(kind) as Promise<Caller>;
  };

  const world: World = {
    t,
    organizer,
    otherOrganizer,
    otherHospital,
    campaign: setup.campaign as Campaign,
    votingCampaign,
    managerClient: manager.client,
    async scene(options = {}) {
      let h: Hospital;
      if (options.fresh) h = await newHospital();
      else {
        if (!pooled || exhausted(pooled)) pooled = await newHospital();
        h = pooled;
      }
      const own = new Map<Kind, Promise<Caller>>();
      const base = (kind: Kind) =>
        options.freshKinds?.includes(kind)
          ? memo(own, kind, () => make(kind, h.org.id))
          : HOSPITAL_KINDS.has(kind)
            ? memo(h.members, kind, () => make(kind, h.org.id))
            : sharedCaller(kind, h.org.id);
      const scene: Scene = {
        hospital: h.org,
        caller(kind) {
          if (!options.freshSessions) return base(kind);
          return memo(own, kind, async () => {
            const made = await base(kind);
            return { ...made, client: made.user ? await signIn(t, made.user) : new Client(t.app) };
          });
        },
        nextTheme(campaign = world.campaign) {
          const used = h.themesUsed.get(campaign.id) ?? 0;
          const theme = campaign.themes[used];
          if (!theme) throw new Error(`${h.org.name} has entered every theme: ask for a fresh scene`);
          h.themesUsed.set(campaign.id, used + 1);
          return theme.id;
        },
        async entry(status, entryOptions = {}) {
          const owner = (await scene.caller('owner')).client;
          const campaign = entryOptions.campaign ?? world.campaign;
          const themeId = scene.nextTheme(campaign);
          // Entries of one hospital must not look alike (S1-4 refuses a near copy on submission).
          const title = `权限表案例${distinctText(6)}`;
          const summary = `${distinctText(40)}。`;
          const created = await owner.post(`/api/campaigns/${campaign.id}/entries`, { themeId, title, summary });
          if (created.statusCode !== 201) throw new Error(`could not create an entry: ${created.body}`);
          const id = created.json().id as string;
          if (status !== 'draft' || entryOptions.complete) {
            const version = await completeEntry(owner, id);
            if (status !== 'draft' && status !== 'withdrawn') {
              const submitted = await owner.post(`/api/entries/${id}/submit`, { version, consent: true });
              if (submitted.statusCode !== 200) throw new Error(`could not submit: ${submitted.body}`);
            }
          }
          const decision = {
            passed: { decision: 'pass' },
            returned: { decision: 'return', reasons: '材料不全', suggestions: '', correctionDeadline: '2022-01-30' },
            excluded: { decision: 'exclude', reasons: '不属于该主题' },
          }[status as 'passed' | 'returned' | 'excluded'];
          if (decision) await manager.client.post(`/api/entries/${id}/screening`, decision);
          if (status === 'withdrawn') await owner.post(`/api/entries/${id}/withdraw`, { reason: '' });
          const current = (await owner.get(`/api/entries/${id}`)).json();
          if (current.status !== status) throw new Error(`could not bring an entry into ${status}: ${JSON.stringify(current)}`);
          return { id, version: current.version, status, themeId, title };
        },
      };
      return scene;
    },
  };
  return world;
}
