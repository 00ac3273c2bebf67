// A deterministic simulation of seed 000's public voting (S0-14): honest voters mobilized by hospitals on phones, plus
// planted brushing rings of four shapes, to measure the detector on (issue 9 item 5). Same options, same votes.

import { type DetectorOptions, detectAnomalies, type VoteFact } from './detector.ts';

export type RingShape = 'burst' | 'co-voting' | 'device-farm' | 'drip';

export interface SimulationOptions {
  seed: number;
  days: number;
  entries: number;
  themes: number;
  hospitals: number;
  honestVoters: number;
  /** Of the honest voters: staff of one hospital who all vote for its entry on the first morning from its one NAT address. */
  mobilizedStaff: number;
  rings: number;
  /** Ring shapes in turn: ring i has shape ringShapes[i % length]. */
  ringShapes: RingShape[];
  ringSizeMin: number;
  ringSizeMax: number;
  /** Share of honest voters who share a phone with a family member. */
  familyPhoneShare: number;
  /** 00:00 Asia/Shanghai of the first voting day. */
  start: Date;
}

export const DEFAULT_SIMULATION_OPTIONS: SimulationOptions = {
  seed: 1,
  days: 5,
  entries: 120,
  themes: 6,
  hospitals: 30,
  honestVoters: 10_000,
  mobilizedStaff: 300,
  rings: 8,
  ringShapes: ['burst', 'co-voting', 'device-farm', 'drip'],
  ringSizeMin: 10,
  ringSizeMax: 200,
  familyPhoneShare: 0.04,
  start: new Date('2025-06-16T00:00:00+08:00'),
};

export interface PlantedRing {
  shape: RingShape;
  voterIds: string[];
  entryIds: string[];
}

export interface Simulation {
  votes: VoteFact[];
  plantedVoteIds: Set<string>;
  honestVoterIds: Set<string>;
  /** The honest staff of the first morning's hospital mobilization. */
  mobilizedVoterIds: Set<string>;
  ringVoterIds: Set<string>;
  entryThemes: Map<string, string>;
  rings: PlantedRing[];
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Asia/Shanghai local hours: a morning peak as staff arrive, lunch, and the evening on the sofa.
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 2.5, 4, 5, 4.5, 4, 5, 4, 3.5, 3.5, 3.5, 4, 4, 4.5, 6, 6.5, 5, 3];

/** mulberry32: a small seeded generator, so a seed always gives the same votes. */
function generator(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const between = (lo: number, hi: number) => lo + next() * (hi - lo);
  const chance = (p: number) => next() < p;
  const weighted = (cumulative: readonly number[]) => {
    const x = next() * (cumulative[cumulative.length - 1] as number);
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { next, int, between, chance, weighted };
}

type Rng = ReturnType<typeof generator>;

const cumulate = (weights: readonly number[]) => {
  let sum = 0;
  return weights.map((w) => (sum += w));
};
const zipf = (n: number, s: number) => cumulate(Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s));
const HOURS = cumulate(HOUR_WEIGHTS);

export function simulateVoting(options: Partial<SimulationOptions> = {}): Simulation {
  const o = { ...DEFAULT_SIMULATION_OPTIONS, ...options };
  const rng = generator(o.seed);
  const start = o.start.getTime();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const entryIds = Array.from({ length: o.entries }, (_, i) => `e${pad(i + 1, 4)}`);
  const entryThemes = new Map(entryIds.map((id, i) => [id, `t${(i % o.themes) + 1}`]));
  const hospitals = Math.max(1, Math.min(o.hospitals, o.entries));
  const hospitalEntries: string[][] = Array.from({ length: hospitals }, () => []);
  for (const [i, id] of entryIds.entries()) hospitalEntries[i < hospitals ? i : rng.int(hospitals)]?.push(id);
  // Popularity is Zipf-like over a shuffled order, so entry numbers say nothing about it.
  const byPopularity = entryIds.map((id) => ({ id, r: rng.next() }));
  byPopularity.sort((a, b) => a.r - b.r);
  const popularity = zipf(o.entries, 1);
  const popular = () => (byPopularity[rng.weighted(popularity)] as { id: string }).id;
  const hospitalSizes = zipf(hospitals, 0.8);

  const votes: VoteFact[] = [];
  const plantedVoteIds = new Set<string>();
  let voterCount = 0;
  let deviceCount = 0;
  const newVoter = () => `u${pad(++voterCount, 6)}`;
  const newDevice = () => `d${pad(++deviceCount, 6)}-${pad(rng.int(1e6), 6)}`;
  const dayStart = (d: number) => start + d * DAY;
  const timeOfDay = (d: number) => dayStart(d) + rng.weighted(HOURS) * HOUR + rng.int(HOUR);
  const octet = () => 1 + rng.int(254);
  const natIp = (h: number) => `61.150.${h % 256}.${10 + Math.floor(h / 256)}`;
  const mobileIp = () => {
    const carrier = rng.int(3);
    if (rng.chance(0.25)) {
      const hex = () => rng.int(0x10000).toString(16);
      return `2409:8${carrier}00:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
    }
    return `112.${64 + carrier}.${rng.int(64)}.${octet()}`;
  };
  const homeIp = () => `183.${rng.int(256)}.${rng.int(256)}.${octet()}`;
  // One vote per voter per entry per Shanghai day (S0-14): a second one, say after a session ran past midnight, is refused.
  const castOnce = new Set<string>();
  const cast = (
    voterId: string,
    createdAt: number,
    entryId: string,
    at: number,
    ip: string,
    deviceId: string | null,
    weight = 1,
  ) => {
    const once = `${voterId} ${entryId} ${Math.floor((at - start) / DAY)}`;
    if (castOnce.has(once)) return undefined;
    castOnce.add(once);
    const vote: VoteFact = {
      voteId: `vote${pad(votes.length + 1, 7)}`,
      voterId,
      entryId,
      themeId: entryThemes.get(entryId) as string,
      at: new Date(at),
      ip,
      deviceId,
      voterCreatedAt: new Date(createdAt),
      weight,
    };
    votes.push(vote);
    return vote;
  };
  const pickSet = (size: number, first?: string) => {
    const set = new Set<string>(first ? [first] : []);
    for (let tries = 0; set.size < size && tries < size * 20; tries++) set.add(popular());
    return [...set];
  };

  // Honest voters: hospital staff, patients a hospital asked to vote, the general public, and institution accounts.
  const honestVoterIds = new Set<string>();
  const devices: (string | null)[] = [];
  const honest: HonestVoter[] = [];
  const mobilized = Math.min(o.mobilizedStaff, o.honestVoters);
  const mobilizedHospital = Math.min(1, hospitals - 1);
  for (let i = 0; i < o.honestVoters; i++) {
    const kind: HonestKind = i < mobilized ? 'staff' : i < mobilized + hospitals ? 'institution' : pickKind(rng);
    const hospital = i < mobilized ? mobilizedHospital : i < mobilized + hospitals ? i - mobilized : rng.weighted(hospitalSizes);
    const own = hospitalEntries[hospital] as string[];
    honest.push({ id: newVoter(), kind, hospital, own: own[rng.int(own.length)] as string, mobilized: i < mobilized });
    devices.push(rng.chance(0.04) ? null : newDevice());
  }
  // Family phones: two (now and then three) accounts on one device.
  const inFamily = new Set<number>();
  for (let i = 0; i + 3 < honest.length; i++) {
    if (inFamily.has(i) || !rng.chance(o.familyPhoneShare / 2)) continue;
    const members = [i + 1, i + 2].slice(0, rng.chance(0.2) ? 2 : 1).filter((j) => !inFamily.has(j));
    for (const j of [i, ...members]) {
      inFamily.add(j);
      devices[j] = devices[i] ?? null;
    }
  }
  honest.forEach((voter, i) => {
    honestVoterIds.add(voter.id);
    honestVotes(voter, devices[i] ?? null);
  });

  function honestVotes(voter: HonestVoter, deviceId: string | null) {
    const returns = { staff: 0.55, patient: 0.3, public: 0.35, institution: 0.8 }[voter.kind];
    const firstDay = voter.mobilized || voter.kind === 'institution' || rng.chance(0.35) ? 0 : rng.int(o.days);
    const loyal = rng.chance(0.35);
    let createdAt = Number.NaN;
    let favourite: string[] = [];
    const weight = voter.kind === 'institution' ? 50 : rng.chance(voter.kind === 'staff' ? 0.1 : 0.02) ? 15 : 1;
    for (let d = firstDay; d < o.days; d++) {
      if (d > firstDay && !rng.chance(returns)) continue;
      let at = voter.mobilized && d === 0 ? dayStart(0) + 8 * HOUR + rng.int(3 * HOUR) : timeOfDay(d);
      if (Number.isNaN(createdAt)) createdAt = accountCreated(voter, at);
      let entries: string[];
      if (loyal && favourite.length > 0 && rng.chance(0.8)) entries = favourite;
      else if (voter.kind === 'institution') entries = hospitalEntries[voter.hospital] as string[];
      else if (voter.kind === 'public') entries = pickSet(1 + rng.weighted(cumulate([30, 25, 20, 12, 8, 5])));
      else if (voter.mobilized && d === 0) entries = pickSet(rng.chance(0.75) ? 2 + rng.int(4) : 1, voter.own);
      else {
        const extras = voter.kind === 'staff' ? [20, 25, 25, 15, 10, 5] : [60, 25, 15];
        entries = pickSet(1 + rng.weighted(cumulate(extras)), voter.own);
      }
      if (favourite.length === 0) favourite = entries;
      const hour = Math.floor((at - dayStart(d)) / HOUR);
      const atWork =
        voter.kind === 'institution' || (hour >= 8 && hour < 18 && (voter.kind === 'staff' ? rng.chance(0.75) : false));
      const guestWifi = voter.kind === 'patient' && rng.chance(0.1);
      const ip =
        atWork || guestWifi || (voter.mobilized && d === 0) ? natIp(voter.hospital) : rng.chance(0.65) ? mobileIp() : homeIp();
      for (const entryId of entries) {
        cast(voter.id, createdAt, entryId, at, ip, deviceId, weight);
        at += 5_000 + rng.int(85_000);
      }
    }
  }

  function accountCreated(voter: HonestVoter, firstVote: number): number {
    const old = () => start - rng.between(30, 1500) * DAY;
    const fresh = (maxMinutes: number) => firstVote - rng.between(1, maxMinutes) * MINUTE;
    switch (voter.kind) {
      case 'institution':
        return old();
      case 'staff':
        if (voter.mobilized) return rng.chance(0.55) ? old() : fresh(60);
        return rng.chance(0.5) ? old() : rng.chance(0.4) ? start - rng.between(1, 14) * DAY : fresh(90);
      case 'patient':
        return rng.chance(0.25) ? old() : fresh(30);
      case 'public':
        return rng.chance(0.6) ? old() : fresh(20 * 60);
    }
  }

  // Planted rings.
  const rings: PlantedRing[] = [];
  const ringVoterIds = new Set<string>();
  for (let r = 0; r < o.rings; r++) {
    const shape = o.ringShapes[r % o.ringShapes.length] as RingShape;
    const size = Math.round(o.ringSizeMin * (o.ringSizeMax / o.ringSizeMin) ** rng.next());
    const ids = Array.from({ length: size }, newVoter);
    const ringVotes: VoteFact[] = [];
    const target = entryIds[rng.int(entryIds.length)] as string;
    const day = rng.int(o.days);
    const proxyA = rng.int(256);
    const proxyB = rng.int(255);
    const plant = (...args: Parameters<typeof cast>) => {
      const vote = cast(...args);
      if (vote) ringVotes.push(vote);
    };
    let targets = [target];
    if (shape === 'burst' || shape === 'drip') {
      // (a) accounts created seconds apart, each voting at once; (d) created over hours; both from one small IP range.
      let created = dayStart(day) + rng.int(20 * HOUR);
      const spread = rng.between(4, 12) * HOUR;
      const base = created;
      ids.forEach((id, i) => {
        created = shape === 'burst' ? created + 10_000 + rng.int(80_000) : base + rng.int(spread);
        // A large drip spreads over two adjacent /24s.
        const range = shape === 'drip' && size >= 40 && i % 2 === 1 ? proxyB + 1 : proxyB;
        const ip = `45.${proxyA}.${range}.${1 + rng.int(shape === 'burst' ? 8 : 254)}`;
        const device = rng.chance(0.7) ? newDevice() : null;
        const delay = (shape === 'burst' ? rng.between(1, 8) : rng.between(1, 30)) * MINUTE;
        plant(id, created, target, created + delay, ip, device);
        for (let d = day + 1; d < o.days; d++) if (rng.chance(0.25)) plant(id, created, target, timeOfDay(d), ip, device);
      });
    } else if (shape === 'co-voting') {
      // (b) bought old accounts voting the same 3-8 entries every day through residential proxies.
      targets = pickSet(3 + rng.int(6), target);
      for (const id of ids) {
        const created = start - rng.between(30, 400) * DAY;
        const device = newDevice();
        for (let d = 0; d < o.days; d++) {
          if (!rng.chance(0.9)) continue;
          const today =
            targets.length >= 4 && rng.chance(0.1) ? targets.filter((_, i) => i !== rng.int(targets.length)) : targets;
          let at = timeOfDay(d);
          const ip = homeIp();
          for (const entryId of today) {
            plant(id, created, entryId, at, ip, device);
            at += 3_000 + rng.int(30_000);
          }
        }
      }
    } else {
      // (c) a phone farm: many accounts on a few devices, on mobile networks.
      targets = pickSet(1 + rng.int(3), target);
      const farm = Array.from({ length: Math.max(1, Math.round(size / rng.between(10, 20))) }, newDevice);
      ids.forEach((id, i) => {
        const device = farm[i % farm.length] as string;
        let created = Number.NaN;
        for (let d = day; d < o.days; d++) {
          if (d > day && !rng.chance(0.8)) continue;
          let at = timeOfDay(d);
          if (Number.isNaN(created)) created = at - rng.between(5, 48 * 60) * MINUTE;
          for (const entryId of targets) {
            plant(id, created, entryId, at, mobileIp(), device);
            at += 5_000 + rng.int(20_000);
          }
        }
      });
    }
    for (const v of ringVotes) plantedVoteIds.add(v.voteId);
    for (const id of ids) ringVoterIds.add(id);
    rings.push({ shape, voterIds: ids, entryIds: targets });
  }
  votes.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.voteId < b.voteId ? -1 : 1));
  const mobilizedVoterIds = new Set(honest.filter((h) => h.mobilized).map((h) => h.id));
  return { votes, plantedVoteIds, honestVoterIds, mobilizedVoterIds, ringVoterIds, entryThemes, rings };
}

type HonestKind = 'staff' | 'patient' | 'public' | 'institution';

interface HonestVoter {
  id: string;
  kind: HonestKind;
  hospital: number;
  own: string;
  mobilized: boolean;
}

function pickKind(rng: Rng): HonestKind {
  const x = rng.next();
  return x < 0.55 ? 'staff' : x < 0.8 ? 'patient' : 'public';
}

export interface DetectorMeasure {
  /** Flagged planted ring votes / planted ring votes. */
  ringRecall: number;
  /** Honest voters with any flagged vote / honest voters. */
  honestFlagged: number;
  flags: number;
  /** Staff of the first morning's hospital mobilization with any flagged vote / those staff. */
  mobilizedFlagged: number;
  recallByShape: Record<RingShape, number>;
}

export function measureDetector(sim: Simulation, options: Partial<DetectorOptions> = {}): DetectorMeasure {
  const { flags, flaggedVoteIds, flaggedVoterIds } = detectAnomalies(sim.votes, options);
  let caught = 0;
  for (const id of sim.plantedVoteIds) if (flaggedVoteIds.has(id)) caught++;
  let honestFlagged = 0;
  for (const id of sim.honestVoterIds) if (flaggedVoterIds.has(id)) honestFlagged++;
  const byShape: Record<RingShape, [number, number]> = {
    burst: [0, 0],
    'co-voting': [0, 0],
    'device-farm': [0, 0],
    drip: [0, 0],
  };
  const ringOf = new Map<string, RingShape>();
  for (const ring of sim.rings) for (const id of ring.voterIds) ringOf.set(id, ring.shape);
  for (const v of sim.votes) {
    const shape = sim.plantedVoteIds.has(v.voteId) ? ringOf.get(v.voterId) : undefined;
    if (!shape) continue;
    byShape[shape][1]++;
    if (flaggedVoteIds.has(v.voteId)) byShape[shape][0]++;
  }
  const share = ([hit, all]: [number, number]) => (all === 0 ? 1 : hit / all);
  return {
    ringRecall: sim.plantedVoteIds.size === 0 ? 1 : caught / sim.plantedVoteIds.size,
    honestFlagged: sim.honestVoterIds.size === 0 ? 0 : honestFlagged / sim.honestVoterIds.size,
    flags: flags.length,
    mobilizedFlagged:
      sim.mobilizedVoterIds.size === 0
        ? 0
        : [...sim.mobilizedVoterIds].filter((id) => flaggedVoterIds.has(id)).length / sim.mobilizedVoterIds.size,
    recallByShape: {
      burst: share(byShape.burst),
      'co-voting': share(byShape['co-voting']),
      'device-farm': share(byShape['device-farm']),
      drip: share(byShape.drip),
    },
  };
}
