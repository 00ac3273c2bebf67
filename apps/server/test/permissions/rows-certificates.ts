import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { certificateDesigns, certificates } from '../../src/db/schema.ts';
import { awardSetWith, sealPng } from '../certificates.ts';
import { multipart } from '../multipart.ts';
import { everyone, only, type Row, row } from './table.ts';
import type { Kind, Scene, World } from './world.ts';

/**
 * The certificates routes (issue 12 item 4; X-7, S0-15), on a call of the world's organizer of their own (so the
 * awards and notices rows keep the world's call to themselves) whose award set is final. The organizer's routes are
 * a manager's of the organizer or the platform's, NOT_FOUND to everyone else; a certificate's PDF is also the
 * recipient hospital's (its members: owner, colleague and the recused screener, who belongs to it); the
 * verification page is everyone's.
 */
const HOSTS: Kind[] = ['manager', 'admin'];
const RECIPIENTS: Kind[] = ['owner', 'colleague', 'recusedScreener'];

const calls = new WeakMap<World, Promise<string>>();

/** The world organizer's certificates call: published by its manager, its award set final. Once per world. */
function callOf(world: World): Promise<string> {
  let made = calls.get(world);
  if (!made) {
    made = (async () => {
      const draft = await world.managerClient.post('/api/campaigns', {
        templateKey: 'seed-000',
        organizerId: world.organizer.id,
      });
      if (draft.statusCode !== 201) throw new Error(`could not create the certificates call: ${draft.body}`);
      const published = await world.managerClient.post(`/api/campaigns/${draft.json().id}/publish`);
      if (published.statusCode !== 200) throw new Error(`could not publish the certificates call: ${published.body}`);
      await awardSetWith(world.t, draft.json().id, [], 'final');
      return draft.json().id as string;
    })();
    calls.set(world, made);
  }
  return made;
}

interface Pending {
  campaignId: string;
  awardId: string;
  recipient: string;
}

/** A new campaign-wide award of the scene's hospital, not certified yet. */
async function pendingAward(world: World, scene: Scene): Promise<Pending> {
  const campaignId = await callOf(world);
  const [awardId] = await awardSetWith(
    world.t,
    campaignId,
    [{ organizationId: scene.hospital.id, level: `l${randomBytes(4).toString('hex')}`, labelZh: '最佳组织奖' }],
    'final',
  );
  return { campaignId, awardId: awardId as string, recipient: scene.hospital.name };
}

interface Issued extends Pending {
  certificateId: string;
  number: string;
  verifyUrl: string;
}

/** A certificate of the scene's hospital, issued by the world's manager. */
async function issued(world: World, scene: Scene): Promise<Issued> {
  const award = await pendingAward(world, scene);
  const res = await world.managerClient.post(`/api/campaigns/${award.campaignId}/certificates/issue`);
  if (res.statusCode !== 200) throw new Error(`could not issue: ${res.body}`);
  const [cert] = await world.t.app.ctx.db.select().from(certificates).where(eq(certificates.awardId, award.awardId));
  if (!cert) throw new Error('no certificate issued');
  const listed = (await world.managerClient.get(`/api/campaigns/${award.campaignId}/certificates`)).json();
  const mine = listed.certificates.find((c: { id: string }) => c.id === cert.id);
  return { ...award, certificateId: cert.id, number: cert.number, verifyUrl: mine.verifyUrl };
}

const certificateOf = async (world: World, awardId: string) =>
  (await world.t.app.ctx.db.select().from(certificates).where(eq(certificates.awardId, awardId)))[0];
const designOf = async (world: World, campaignId: string) =>
  (await world.t.app.ctx.db.select().from(certificateDesigns).where(eq(certificateDesigns.campaignId, campaignId)))[0];
const publicPath = (cert: Issued, code?: string) => {
  const [number, real] = (cert.verifyUrl.split('/v/')[1] as string).split('.') as [string, string];
  return `/api/public/certificates/${number}?code=${code ?? real}`;
};

const hostOnly = only(HOSTS, 200, 404);

export const certificatesRows: Row[] = [
  row({
    route: 'GET /api/campaigns/:campaignId/certificates/design',
    expect: hostOnly,
    writes: false,
    setup: async (world: World) => ({ campaignId: await callOf(world) }),
    call: (c, { state }) => c.get(`/api/campaigns/${state.campaignId}/certificates/design`),
    effect: (res, { state }) =>
      expect([res.json().campaignId, res.json().layout]).toEqual([state.campaignId, expect.any(String)]),
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/certificates/design',
    expect: hostOnly,
    writes: true,
    setup: async (world: World) => {
      const campaignId = await callOf(world);
      return {
        campaignId,
        issuer: `颁发单位${randomBytes(3).toString('hex')}`,
        before: (await designOf(world, campaignId))?.issuer ?? null,
      };
    },
    call: (c, { state }) =>
      c.put(`/api/campaigns/${state.campaignId}/certificates/design`, { layout: 'simple', issuer: state.issuer, wording: {} }),
    effect: async (res, { world, state }) => {
      expect([res.json().issuer, res.json().layout]).toEqual([state.issuer, 'simple']);
      expect((await designOf(world, state.campaignId))?.issuer).toBe(state.issuer);
    },
    unchanged: async ({ world, state }) => expect((await designOf(world, state.campaignId))?.issuer ?? null).toBe(state.before),
  }),
  row({
    route: 'PUT /api/campaigns/:campaignId/certificates/seal',
    expect: hostOnly,
    writes: true,
    setup: async (world: World) => {
      const campaignId = await callOf(world);
      return { campaignId, before: (await designOf(world, campaignId))?.sealFileId ?? null };
    },
    call: (c, { state }) =>
      c.request({
        method: 'PUT',
        url: `/api/campaigns/${state.campaignId}/certificates/seal`,
        ...multipart({}, [{ name: 'file', filename: '公章.png', content: sealPng(64), type: 'image/png' }]),
      }),
    effect: async (res, { world, state }) => {
      expect(res.json().hasSeal).toBe(true);
      const after = (await designOf(world, state.campaignId))?.sealFileId;
      expect([after === null, after === state.before]).toEqual([false, false]);
    },
    unchanged: async ({ world, state }) =>
      expect((await designOf(world, state.campaignId))?.sealFileId ?? null).toBe(state.before),
  }),
  row({
    route: 'POST /api/campaigns/:campaignId/certificates/issue',
    expect: hostOnly,
    writes: true,
    setup: pendingAward,
    call: (c, { state }) => c.post(`/api/campaigns/${state.campaignId}/certificates/issue`),
    effect: async (res, { world, state }) => {
      expect(res.json().issued).toBeGreaterThanOrEqual(1);
      expect((await certificateOf(world, state.awardId))?.recipient).toBe(state.recipient);
    },
    unchanged: async ({ world, state }) => expect(await certificateOf(world, state.awardId)).toBeUndefined(),
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/certificates',
    expect: hostOnly,
    writes: false,
    setup: issued,
    call: (c, { state }) => c.get(`/api/campaigns/${state.campaignId}/certificates`),
    effect: (res, { state }) => {
      const mine = res.json().certificates.find((x: { id: string }) => x.id === state.certificateId);
      expect([mine?.number, mine?.recipient, mine?.abilities]).toEqual([state.number, state.recipient, { revoke: true }]);
    },
  }),
  row({
    route: 'GET /api/campaigns/:campaignId/certificates.zip',
    expect: hostOnly,
    writes: false,
    setup: issued,
    call: (c, { state }) => c.get(`/api/campaigns/${state.campaignId}/certificates.zip`),
    effect: async (res, { state }) => {
      const zip = await JSZip.loadAsync(res.rawPayload);
      expect(Object.keys(zip.files).filter((n) => n.startsWith(`${state.number}-`))).toHaveLength(1);
    },
  }),
  row({
    route: 'GET /api/certificates/:certificateId/pdf',
    expect: only([...HOSTS, ...RECIPIENTS], 200, 404),
    writes: false,
    setup: issued,
    call: (c, { state }) => c.get(`/api/certificates/${state.certificateId}/pdf`),
    effect: (res) => {
      expect([res.headers['content-type'], res.rawPayload.subarray(0, 5).toString()]).toEqual(['application/pdf', '%PDF-']);
    },
  }),
  row({
    route: 'POST /api/certificates/:certificateId/revoke',
    expect: hostOnly,
    writes: true,
    setup: issued,
    call: (c, { state }) => c.post(`/api/certificates/${state.certificateId}/revoke`, { reason: '权限表撤销' }),
    effect: async (res, { world, state }) => {
      expect([res.json().id, res.json().revokeReason]).toEqual([state.certificateId, '权限表撤销']);
      expect((await certificateOf(world, state.awardId))?.revokeReason).toBe('权限表撤销');
    },
    unchanged: async ({ world, state }) => expect((await certificateOf(world, state.awardId))?.revokedAt).toBeNull(),
  }),
  row({
    route: 'GET /api/public/certificates/:number',
    expect: everyone(200),
    writes: false,
    setup: issued,
    call: (c, { state }) => c.get(publicPath(state)),
    effect: (res, { state }) =>
      expect([res.json().number, res.json().status, res.json().recipient]).toEqual([state.number, 'valid', state.recipient]),
  }),
  row({
    route: 'GET /api/public/certificates/:number',
    variant: 'a forged code',
    expect: everyone(404),
    writes: false,
    setup: issued,
    call: (c, { state }) => c.get(publicPath(state, '0badc0de')),
    effect: () => {},
  }),
];
