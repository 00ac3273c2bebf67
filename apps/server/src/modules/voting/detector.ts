// The vote-brushing (刷票) detector of public voting (S0-14, issue 9 item 5): pure functions over vote facts, no I/O.
// No trait flags a voter alone — hospitals make staff and patients register during the voting days, hospital NATs put
// hundreds of honest voters on one address, families share a phone. Each signal needs a pattern real rings leave and
// honest crowds do not: single-purpose fresh accounts that dominate their time window or network, many accounts on one
// device, or the same group of accounts voting the same set of entries day after day. DETECTOR.md gives the figures.

import {
  type Cast,
  chain,
  compare,
  DAY,
  type Facts,
  HOUR,
  isoMinute,
  lowerBound,
  MINUTE,
  makeFlag,
  pushTo,
  round1,
  round2,
  subnetOf,
  tAt,
  upperBound,
  type VoterFacts,
} from './detector-helpers.ts';
import { detectRings } from './detector-rings.ts';

export { subnetOf } from './detector-helpers.ts';

export interface VoteFact {
  voteId: string;
  voterId: string;
  entryId: string;
  themeId: string;
  /** When the vote was cast. */
  at: Date;
  /** The client address as the server saw it (IPv4 or IPv6 text). */
  ip: string;
  /** The device fingerprint cookie's value. */
  deviceId: string | null;
  voterCreatedAt: Date;
  /** 1 registered user, 15 certified medical professional, 50 certified institution. */
  weight: number;
  voided?: boolean;
}

export type FlagKind = 'burst' | 'fresh-accounts' | 'ring' | 'shared-device' | 'subnet';

export interface Flag {
  kind: FlagKind;
  /** A stable id of the finding: the same votes give the same key on every run. */
  key: string;
  voteIds: string[];
  voterIds: string[];
  entryIds: string[];
  /** What the organizer sees: sizes, shares, windows. */
  figures: Record<string, number>;
  summary: { 'zh-CN': string; en: string };
}

export interface DetectorOptions {
  /** A voter is fresh when their first vote comes at most this many hours after the account was created. */
  freshHours: number;
  /** "Voting soon after creation" for creation clusters: the first vote at most this many minutes after creation. */
  justCreatedMinutes: number;
  /** Accounts created at most this many minutes apart chain into one creation cluster. */
  creationGapMinutes: number;
  /** Smallest creation cluster that is flagged. */
  minFreshCluster: number;
  /** The share of a window's (or a subnet's) voters for the entry that the suspects must reach to be flagged. */
  dominanceShare: number;
  /** Sliding window of the burst signal. */
  burstWindowMinutes: number;
  /** A window is hot when it holds this many times the entry's own average votes per window. */
  burstFactor: number;
  /** Smallest burst (votes in the hot window, and suspect votes in it). */
  minBurstVotes: number;
  /** Smallest group of fresh single-entry accounts from one /24 (IPv4) or /64 (IPv6) that is flagged. */
  minSubnetAccounts: number;
  /** More distinct accounts than this on one device id are flagged (a family phone holds 2 or 3). */
  maxVotersPerDevice: number;
  /** Co-voting looks at a voter's day only when it holds at least this many entries. */
  minRingSetSize: number;
  /** A voter belongs to a co-voting set when they voted it on at least this many days. */
  minRingDays: number;
  /** Smallest co-voting group that is flagged. */
  minRingVoters: number;
  /** Offset of the voting calendar from UTC in minutes (Asia/Shanghai, no daylight saving). */
  dayOffsetMinutes: number;
}

export const DEFAULT_DETECTOR_OPTIONS: DetectorOptions = {
  freshHours: 24,
  justCreatedMinutes: 60,
  creationGapMinutes: 10,
  minFreshCluster: 10,
  dominanceShare: 0.5,
  burstWindowMinutes: 60,
  burstFactor: 4,
  minBurstVotes: 10,
  minSubnetAccounts: 8,
  maxVotersPerDevice: 4,
  minRingSetSize: 3,
  minRingDays: 2,
  minRingVoters: 10,
  dayOffsetMinutes: 480,
};

export interface Detection {
  flags: Flag[];
  flaggedVoteIds: Set<string>;
  flaggedVoterIds: Set<string>;
}

export function detectAnomalies(votes: readonly VoteFact[], options: Partial<DetectorOptions> = {}): Detection {
  const o = { ...DEFAULT_DETECTOR_OPTIONS, ...options };
  const facts = collectFacts(votes, o);
  const flags = [
    ...detectBursts(facts),
    ...detectCreationClusters(facts),
    ...detectSubnets(facts),
    ...detectSharedDevices(facts),
    ...detectRings(facts),
  ].sort((a, b) => compare(a.key, b.key));
  const flaggedVoteIds = new Set<string>();
  const flaggedVoterIds = new Set<string>();
  for (const flag of flags) {
    for (const id of flag.voteIds) flaggedVoteIds.add(id);
    for (const id of flag.voterIds) flaggedVoterIds.add(id);
  }
  return { flags, flaggedVoteIds, flaggedVoterIds };
}

function collectFacts(all: readonly VoteFact[], o: DetectorOptions): Facts {
  const voters = new Map<string, VoterFacts>();
  const casts: Cast[] = [];
  let sorted = true;
  for (const v of all) {
    if (v.voided) continue;
    const t = v.at.getTime();
    let voter = voters.get(v.voterId);
    if (!voter) {
      voter = {
        id: v.voterId,
        createdAt: v.voterCreatedAt.getTime(),
        firstVoteAt: t,
        onlyEntry: v.entryId,
        casts: [],
        seenFor: null,
      };
      voters.set(v.voterId, voter);
    }
    if (voter.onlyEntry !== v.entryId) voter.onlyEntry = null;
    if (t < voter.firstVoteAt) voter.firstVoteAt = t;
    const cast = { v, t, voter };
    const previous = casts[casts.length - 1];
    if (previous && (previous.t > t || (previous.t === t && previous.v.voteId > v.voteId))) sorted = false;
    casts.push(cast);
    voter.casts.push(cast);
  }
  // Votes usually arrive in time order (ORDER BY at); sort only when they do not.
  if (!sorted) casts.sort((a, b) => a.t - b.t || compare(a.v.voteId, b.v.voteId));
  const byEntry = new Map<string, Cast[]>();
  for (const cast of casts) pushTo(byEntry, cast.v.entryId, cast);
  const first = casts[0]?.t ?? 0;
  const last = casts[casts.length - 1]?.t ?? 0;
  return { casts, voters, byEntry, spanMs: Math.max(last - first, DAY), o };
}

/** Fresh and single-purpose: the account's first vote came soon after it was created and it never voted for another entry. */
function isLoner(voter: VoterFacts, o: DetectorOptions): boolean {
  return voter.onlyEntry !== null && voter.firstVoteAt - voter.createdAt <= o.freshHours * HOUR;
}

// An entry's votes in a sliding window exceed its own average rate several times over, and most of them come from
// accounts that voted for nothing else. A hospital's morning mobilization is just as hot, but its staff also vote for
// other entries, so the single-entry share stays low.
function detectBursts({ byEntry, spanMs, o }: Facts): Flag[] {
  const flags: Flag[] = [];
  const window = o.burstWindowMinutes * MINUTE;
  for (const [entryId, list] of byEntry) {
    const hot = Math.max(o.minBurstVotes, (o.burstFactor * list.length * window) / spanMs);
    const intervals: [number, number][] = [];
    let start = 0;
    for (let end = 0; end < list.length; end++) {
      while (tAt(list, end) - tAt(list, start) > window) start++;
      if (end - start + 1 < hot) continue;
      const lastInterval = intervals[intervals.length - 1];
      if (lastInterval && start <= lastInterval[1]) lastInterval[1] = end;
      else intervals.push([start, end]);
    }
    for (const [from, to] of intervals) {
      const inWindow = list.slice(from, to + 1);
      const suspects = inWindow.filter((c) => c.voter.onlyEntry !== null);
      if (suspects.length < o.minBurstVotes || suspects.length < o.dominanceShare * inWindow.length) continue;
      const minutes = Math.max(1, Math.round((tAt(list, to) - tAt(list, from)) / MINUTE));
      const factor = round1(inWindow.length / Math.max(1, (minutes * MINUTE * list.length) / spanMs));
      flags.push(
        makeFlag(
          'burst',
          `burst:${entryId}:${isoMinute(tAt(list, from))}`,
          suspects,
          {
            votes: inWindow.length,
            suspectVotes: suspects.length,
            minutes,
            factor,
          },
          {
            'zh-CN': `案例 ${entryId} 在 ${minutes} 分钟内获得 ${inWindow.length} 票，是其平均速度的 ${factor} 倍，其中 ${suspects.length} 票来自只投这一个案例的账号`,
            en: `Entry ${entryId} got ${inWindow.length} votes in ${minutes} minutes, ${factor}× its average rate; ${suspects.length} of them from accounts that voted for nothing else`,
          },
        ),
      );
    }
  }
  return flags;
}

// Accounts created minutes apart that each vote for the same single entry right after creation, and that make up most
// of the entry's new voters while they vote. Honest registrations of a mobilized hospital chain in time too, but they
// are drowned by the staff who vote for several entries.
function detectCreationClusters({ byEntry, o }: Facts): Flag[] {
  const flags: Flag[] = [];
  for (const [entryId, list] of byEntry) {
    const sortedFirsts: number[] = [];
    const candidates: VoterFacts[] = [];
    for (const { voter, t } of list) {
      if (voter.seenFor === entryId) continue;
      voter.seenFor = entryId;
      sortedFirsts.push(t);
      if (isLoner(voter, o) && voter.firstVoteAt - voter.createdAt <= o.justCreatedMinutes * MINUTE) candidates.push(voter);
    }
    if (candidates.length < o.minFreshCluster) continue;
    candidates.sort((a, b) => a.createdAt - b.createdAt || compare(a.id, b.id));
    for (const cluster of chain(candidates, (c) => c.createdAt, o.creationGapMinutes * MINUTE)) {
      if (cluster.length < o.minFreshCluster) continue;
      const firsts = cluster.map((c) => c.firstVoteAt);
      // Spreading a cluster of thousands into Math.min would overflow the stack.
      const from = firsts.reduce((a, b) => Math.min(a, b));
      const to = firsts.reduce((a, b) => Math.max(a, b));
      const votersThen = upperBound(sortedFirsts, to) - lowerBound(sortedFirsts, from);
      if (cluster.length < o.dominanceShare * votersThen) continue;
      const created = cluster.map((c) => c.createdAt);
      const spanMinutes = Math.max(1, Math.round(((created[created.length - 1] as number) - (created[0] as number)) / MINUTE));
      flags.push(
        makeFlag(
          'fresh-accounts',
          `fresh-accounts:${entryId}:${isoMinute(created[0] as number)}`,
          cluster.flatMap((c) => c.casts),
          {
            accounts: cluster.length,
            creationMinutes: spanMinutes,
            votingMinutes: Math.max(1, Math.round((to - from) / MINUTE)),
            share: round2(cluster.length / votersThen),
          },
          {
            'zh-CN': `${cluster.length} 个新账号在 ${spanMinutes} 分钟内相继注册，并在注册后不久为同一案例 ${entryId} 投票，且不投其他案例`,
            en: `${cluster.length} accounts created within ${spanMinutes} minutes of each other voted for entry ${entryId} soon after, and for nothing else`,
          },
        ),
      );
    }
  }
  return flags;
}

// Fresh single-entry accounts concentrated in one /24 (or /64) and making up most of that network's voters for the entry.
// A hospital NAT carries hundreds of staff of mixed account age who vote for several entries, so its share stays low.
function detectSubnets({ byEntry, o }: Facts): Flag[] {
  const subnets = new Map<string, string>();
  const subnet = (ip: string) => {
    let net = subnets.get(ip);
    if (net === undefined) {
      net = subnetOf(ip);
      subnets.set(ip, net);
    }
    return net;
  };
  const flags: Flag[] = [];
  for (const [entryId, list] of byEntry) {
    // Loner votes are few; only the networks where they pile up are counted in full.
    const loners = new Map<string, Cast[]>();
    for (const cast of list) if (isLoner(cast.voter, o)) pushTo(loners, subnet(cast.v.ip), cast);
    const groups = new Map<string, { accounts: number; voters: Set<VoterFacts> }>();
    for (const [net, casts] of loners) {
      const accounts = new Set(casts.map((c) => c.voter)).size;
      if (accounts >= o.minSubnetAccounts) groups.set(net, { accounts, voters: new Set() });
    }
    if (groups.size === 0) continue;
    for (const cast of list) groups.get(subnet(cast.v.ip))?.voters.add(cast.voter);
    for (const [net, { accounts, voters }] of groups) {
      if (accounts < o.dominanceShare * voters.size) continue;
      const pct = Math.round((100 * accounts) / voters.size);
      flags.push(
        makeFlag(
          'subnet',
          `subnet:${entryId}:${net}`,
          loners.get(net) ?? [],
          { accounts, voters: voters.size, sharePct: pct },
          {
            'zh-CN': `${accounts} 个只投案例 ${entryId} 的新账号来自同一网段 ${net}，占该网段为此案例投票账号的 ${pct}%`,
            en: `${accounts} fresh accounts that voted only for entry ${entryId} came from one network ${net}, ${pct}% of its voters for that entry`,
          },
        ),
      );
    }
  }
  return flags;
}

function detectSharedDevices({ voters, o }: Facts): Flag[] {
  // Walk voters, not votes: most have one device, so this is one array push per voter.
  const devices = new Map<string, VoterFacts[]>();
  for (const voter of voters.values()) {
    let previous: string | null = null;
    for (const { v } of voter.casts) {
      const deviceId = v.deviceId;
      if (!deviceId || deviceId === previous) continue;
      previous = deviceId;
      const list = devices.get(deviceId);
      if (!list) devices.set(deviceId, [voter]);
      else if (!list.includes(voter)) list.push(voter);
    }
  }
  const flags: Flag[] = [];
  for (const [deviceId, accounts] of devices) {
    if (accounts.length <= o.maxVotersPerDevice) continue;
    const list = accounts.flatMap((voter) => voter.casts.filter((c) => c.v.deviceId === deviceId));
    flags.push(
      makeFlag(
        'shared-device',
        `shared-device:${deviceId}`,
        list,
        { accounts: accounts.length, votes: list.length },
        {
          'zh-CN': `${accounts.length} 个账号在同一设备上投了 ${list.length} 票`,
          en: `${accounts.length} accounts cast ${list.length} votes from one device`,
        },
      ),
    );
  }
  return flags;
}
