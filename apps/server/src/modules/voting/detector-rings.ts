import type { Flag } from './detector.ts';
import { type Cast, compare, DAY, type Facts, fnv1a, MINUTE, makeFlag, pushTo, type VoterFacts } from './detector-helpers.ts';

interface VoterDay {
  entries: string[];
  keys: string[];
  casts: Cast[];
}

// Co-voting: a voter's day is the set of entries they voted for that day. Sets of 3+ entries are bucketed by their exact
// content and, for 4+, by each set with one entry left out, so a member who skips one entry still lands in the ring's
// bucket. A voter joins a bucket they hit on 2+ days; buckets with 10+ such voters are joined by shared voters
// (union-find) into rings. Honest voters pick their sets independently, so the same 3+ entries repeated by the same 10
// people rarely happens.
export function detectRings({ voters, o }: Facts): Flag[] {
  const dayOf = (ms: number) => Math.floor((ms + o.dayOffsetMinutes * MINUTE) / DAY);
  const repeaters = new Map<string, VoterFacts[]>();
  const voterDays = new Map<VoterFacts, Map<number, VoterDay>>();
  for (const voter of voters.values()) {
    if (voter.onlyEntry !== null || voter.casts.length < o.minRingSetSize * o.minRingDays) continue;
    const days = new Map<number, VoterDay>();
    for (const cast of voter.casts) {
      const d = dayOf(cast.t);
      let day = days.get(d);
      if (!day) {
        day = { entries: [], keys: [], casts: [] };
        days.set(d, day);
      }
      day.casts.push(cast);
      if (!day.entries.includes(cast.v.entryId)) day.entries.push(cast.v.entryId);
    }
    const hits = new Map<string, number>();
    for (const day of days.values()) {
      if (day.entries.length < o.minRingSetSize) continue;
      day.entries.sort(compare);
      day.keys.push(day.entries.join(' '));
      if (day.entries.length > o.minRingSetSize) {
        for (let i = 0; i < day.entries.length; i++) day.keys.push(day.entries.filter((_, j) => j !== i).join(' '));
      }
      for (const key of day.keys) hits.set(key, (hits.get(key) ?? 0) + 1);
    }
    let repeats = false;
    for (const [key, count] of hits) {
      if (count < o.minRingDays) continue;
      pushTo(repeaters, key, voter);
      repeats = true;
    }
    if (repeats) voterDays.set(voter, days);
  }
  const parent = new Map<VoterFacts, VoterFacts>();
  const find = (x: VoterFacts): VoterFacts => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as VoterFacts;
    parent.set(x, root);
    return root;
  };
  const ringKeys: string[] = [];
  for (const [key, members] of repeaters) {
    if (members.length < o.minRingVoters) continue;
    ringKeys.push(key);
    for (const m of members) if (!parent.has(m)) parent.set(m, m);
    const root = find(members[0] as VoterFacts);
    for (const m of members) parent.set(find(m), root);
  }
  const keysByRoot = new Map<VoterFacts, Set<string>>();
  for (const key of ringKeys) {
    const root = find((repeaters.get(key) as VoterFacts[])[0] as VoterFacts);
    const keys = keysByRoot.get(root) ?? new Set<string>();
    keys.add(key);
    keysByRoot.set(root, keys);
  }
  const rings = new Map<VoterFacts, VoterFacts[]>();
  for (const m of parent.keys()) pushTo(rings, find(m), m);
  const flags: Flag[] = [];
  const taken = new Set<string>();
  for (const [root, members] of rings) {
    const keys = keysByRoot.get(root) as Set<string>;
    const casts: Cast[] = [];
    const ringDays = new Set<number>();
    const entryIds = [...new Set([...keys].flatMap((k) => k.split(' ')))].sort(compare);
    const inRing = new Set(entryIds);
    // A member's every vote for the ring's entries counts, also on a day a script ran past midnight and split the set.
    for (const m of members) {
      for (const [d, day] of voterDays.get(m) ?? []) {
        if (day.keys.some((k) => keys.has(k))) ringDays.add(d);
      }
      casts.push(...m.casts.filter((c) => inRing.has(c.v.entryId)));
    }
    let key = `ring:${fnv1a(entryIds.join(' '))}`;
    for (let n = 2; taken.has(key); n++) key = `ring:${fnv1a(entryIds.join(' '))}#${n}`;
    taken.add(key);
    flags.push(
      makeFlag(
        'ring',
        key,
        casts,
        { accounts: members.length, entries: entryIds.length, days: ringDays.size, votes: casts.length },
        {
          'zh-CN': `${members.length} 个账号在 ${ringDays.size} 天里一起为同一组 ${entryIds.length} 个案例投票`,
          en: `${members.length} accounts voted together for the same set of ${entryIds.length} entries on ${ringDays.size} days`,
        },
      ),
    );
  }
  return flags;
}

/** The network a vote came from: the /24 of an IPv4 address, the /64 of an IPv6 one (IPv4-mapped IPv6 counts as IPv4). */
