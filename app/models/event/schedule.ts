/**
 * The 对接会 scheduler: place 1:1 meetings into time slots × tables. A pure function (no database,
 * no clock, no randomness) so the same input always gives the same agenda and tests can check
 * every constraint on thousands of random inputs. `event/agenda.server.ts` feeds it from the DB.
 *
 * Constraints: a participant (one organisation's delegation) sits in at most one meeting per slot,
 * never in a slot it marked unavailable, and in at most `cap` meetings; a slot has `tables` tables.
 * Objective: accepted requests first (each is worth more than any set of suggested pairs it could
 * displace), then the highest total match score.
 *
 * Method: a greedy pass by value (the baseline), then local improvement that never lowers the value:
 * relocate blocking meetings to free a common slot, swap a capped participant's weakest meeting for a
 * stronger one, and evict suggested meetings to make room for an accepted request.
 */

/** A meeting block of an event day, in minutes after its 北京 midnight. */
export interface Block {
  start_min: number;
  end_min: number;
}

/** Start minutes of every whole slot in the blocks, in order (a short tail of a block is dropped). */
export function slotStarts(blocks: readonly Block[], slotMinutes: number): number[] {
  const out: number[] = [];
  for (const b of [...blocks].sort((x, y) => x.start_min - y.start_min)) {
    for (let m = b.start_min; m + slotMinutes <= b.end_min; m += slotMinutes) out.push(m);
  }
  return out;
}

export interface ScheduleParticipant {
  id: number;
  /** Most meetings this participant may have. */
  cap: number;
  /** Slot indexes it cannot attend. */
  unavailable: readonly number[];
}

export interface SchedulePair {
  a: number;
  b: number;
  /** Match score 0–100. */
  score: number;
  /** An accepted meeting request (placed before any suggestion). */
  accepted: boolean;
}

export interface ScheduleInput {
  slots: number;
  tables: number;
  participants: readonly ScheduleParticipant[];
  pairs: readonly SchedulePair[];
}

export type UnplacedReason =
  | { code: "cap"; participant: number }
  | { code: "unavailable" }
  | { code: "busy" }
  | { code: "tables_full" }
  | { code: "duplicate" }
  | { code: "not_registered" };

export interface PlacedMeeting {
  pair: SchedulePair;
  slot: number;
  /** 1-based table number. */
  table: number;
}

export interface ScheduleResult {
  placed: PlacedMeeting[];
  unplaced: { pair: SchedulePair; reason: UnplacedReason }[];
  /** Sum of pairValue over placed meetings. */
  value: number;
}

/** An accepted request outweighs any set of suggestions (scores ≤ 100, caps ≤ 100 but evictions ≤ 4). */
export const REQUEST_BONUS = 1000;

export function pairValue(p: SchedulePair): number {
  return p.score + (p.accepted ? REQUEST_BONUS : 0);
}

/** Value first, then the smaller ids: a total order, so ties never depend on input order. */
export function comparePairs(x: SchedulePair, y: SchedulePair): number {
  return (
    pairValue(y) - pairValue(x) ||
    Math.min(x.a, x.b) - Math.min(y.a, y.b) ||
    Math.max(x.a, x.b) - Math.max(y.a, y.b)
  );
}

interface Slotted {
  k: number; // index into the sorted pair list
  a: number; // participant index
  b: number;
  slot: number;
  table: number; // 0-based
}

export function schedule(input: ScheduleInput): ScheduleResult {
  const S = input.slots;
  const T = input.tables;
  const P = input.participants.length;
  const index = new Map(input.participants.map((p, i) => [p.id, i]));
  const cap = input.participants.map((p) => p.cap);
  const avail = new Uint8Array(P * S).fill(1);
  input.participants.forEach((p, i) => {
    for (const s of p.unavailable) if (s >= 0 && s < S) avail[i * S + s] = 0;
  });

  const pairs = [...input.pairs].sort(comparePairs);
  const value = pairs.map(pairValue);
  const busy = new Int32Array(P * S).fill(-1); // meeting (pair index) per participant × slot
  const tableAt = new Int32Array(S * T).fill(-1); // pair index per slot × table
  const used = new Int32Array(S);
  const count = new Int32Array(P);
  const at = new Map<number, Slotted>(); // pair index → its placement
  const unplaced: number[] = [];
  const rejected = new Map<number, UnplacedReason>();

  const free = (i: number, s: number) => avail[i * S + s] === 1 && busy[i * S + s] === -1;
  const fits = (a: number, b: number, s: number) => used[s] < T && free(a, s) && free(b, s);

  function putAt(k: number, a: number, b: number, s: number, t: number) {
    busy[a * S + s] = k;
    busy[b * S + s] = k;
    tableAt[s * T + t] = k;
    used[s]++;
    count[a]++;
    count[b]++;
    at.set(k, { k, a, b, slot: s, table: t });
  }
  function put(k: number, a: number, b: number, s: number) {
    let t = 0;
    while (tableAt[s * T + t] !== -1) t++;
    putAt(k, a, b, s, t);
  }
  function take(k: number): Slotted {
    const m = at.get(k)!;
    busy[m.a * S + m.slot] = -1;
    busy[m.b * S + m.slot] = -1;
    tableAt[m.slot * T + m.table] = -1;
    used[m.slot]--;
    count[m.a]--;
    count[m.b]--;
    at.delete(k);
    return m;
  }
  const firstSlot = (a: number, b: number, except = -1) => {
    for (let s = 0; s < S; s++) if (s !== except && fits(a, b, s)) return s;
    return -1;
  };
  const capOk = (a: number, b: number) => count[a] < cap[a] && count[b] < cap[b];

  // 1. Greedy by value: the baseline every improvement below starts from.
  const seen = new Set<string>();
  pairs.forEach((p, k) => {
    const a = index.get(p.a);
    const b = index.get(p.b);
    const key = `${Math.min(p.a, p.b)}:${Math.max(p.a, p.b)}`;
    if (a == null || b == null || a === b) return void rejected.set(k, { code: "not_registered" });
    if (seen.has(key)) return void rejected.set(k, { code: "duplicate" });
    seen.add(key);
    const s = capOk(a, b) ? firstSlot(a, b) : -1;
    if (s >= 0) put(k, a, b, s);
    else unplaced.push(k);
  });

  const ends = (k: number) => [index.get(pairs[k].a)!, index.get(pairs[k].b)!] as const;

  /** Make a common slot by moving the meetings in the way elsewhere; all or nothing. */
  function placeByRelocation(k: number): boolean {
    const [a, b] = ends(k);
    if (!capOk(a, b)) return false;
    const s0 = firstSlot(a, b);
    if (s0 >= 0) return put(k, a, b, s0), true;
    for (let s = 0; s < S; s++) {
      if (!avail[a * S + s] || !avail[b * S + s]) continue;
      const blockers = [...new Set([busy[a * S + s], busy[b * S + s]].filter((x) => x !== -1))];
      // A full slot with both sides free: moving any one meeting out frees a table.
      const options = blockers.length > 0 ? [blockers] : used[s] >= T ? [...Array(T).keys()].map((t) => [tableAt[s * T + t]]) : [];
      for (const group of options) {
        const moved: Slotted[] = [];
        let ok = true;
        for (const m of group) {
          const old = take(m);
          moved.push(old);
          const s2 = firstSlot(old.a, old.b, s);
          if (s2 < 0) {
            ok = false;
            break;
          }
          put(m, old.a, old.b, s2);
        }
        if (ok && fits(a, b, s)) return put(k, a, b, s), true;
        for (const old of moved.reverse()) {
          if (at.has(old.k)) take(old.k);
          putAt(old.k, old.a, old.b, old.slot, old.table);
        }
      }
    }
    return false;
  }

  /** The weakest placed meeting of participant i, optionally only suggestions. */
  function weakest(i: number, onlySuggestions: boolean, skip: Set<number> = new Set()): number {
    let best = -1;
    for (let s = 0; s < S; s++) {
      const m = busy[i * S + s];
      if (m === -1 || skip.has(m) || (onlySuggestions && pairs[m].accepted)) continue;
      if (best === -1 || value[m] < value[best] || (value[m] === value[best] && m > best)) best = m;
    }
    return best;
  }

  /** Give up weaker meetings (their total worth less than k) to place k; restores everything on failure. */
  function placeByEviction(k: number, victims: number[]): boolean {
    const removed = victims.map(take);
    if (placeByRelocation(k)) {
      for (const r of removed) {
        if (!placeByRelocation(r.k)) unplaced.push(r.k);
      }
      return true;
    }
    for (const r of removed.reverse()) putAt(r.k, r.a, r.b, r.slot, r.table);
    return false;
  }

  /** A capped participant swaps its weakest meeting for a stronger suggestion. */
  function placeByCapSwap(k: number): boolean {
    const [a, b] = ends(k);
    const victims = new Set<number>();
    for (const i of [a, b]) {
      if (count[i] < cap[i]) continue;
      const w = weakest(i, false, victims);
      if (w === -1) return false;
      victims.add(w);
    }
    const lost = [...victims].reduce((sum, m) => sum + value[m], 0);
    return victims.size > 0 && lost < value[k] && placeByEviction(k, [...victims]);
  }

  /** An accepted request may push suggested meetings out of its way (slot, table and caps). */
  function placeRequest(k: number): boolean {
    const [a, b] = ends(k);
    let best: number[] | null = null;
    let bestLoss = Infinity;
    for (let s = 0; s < S; s++) {
      if (!avail[a * S + s] || !avail[b * S + s]) continue;
      const victims = new Set([busy[a * S + s], busy[b * S + s]].filter((x) => x !== -1));
      if ([...victims].some((m) => pairs[m].accepted)) continue;
      if (victims.size === 0 && used[s] >= T) {
        let w = -1;
        for (let t = 0; t < T; t++) {
          const m = tableAt[s * T + t];
          if (!pairs[m].accepted && (w === -1 || value[m] < value[w])) w = m;
        }
        if (w === -1) continue;
        victims.add(w);
      }
      let feasible = true;
      for (const i of [a, b]) {
        const left = count[i] - [...victims].filter((m) => at.get(m)!.a === i || at.get(m)!.b === i).length;
        if (left < cap[i]) continue;
        const w = weakest(i, true, victims);
        if (w === -1) feasible = false;
        else victims.add(w);
      }
      if (!feasible) continue;
      const loss = [...victims].reduce((sum, m) => sum + value[m], 0);
      if (loss < bestLoss) {
        bestLoss = loss;
        best = [...victims];
      }
    }
    return best != null && bestLoss < value[k] && placeByEviction(k, best);
  }

  // 2. Local improvement, strongest pairs first, until a pass changes nothing.
  for (let pass = 0; pass < 4; pass++) {
    let changed = false;
    const queue = [...new Set(unplaced.splice(0))].filter((k) => !at.has(k)).sort((x, y) => x - y);
    for (const k of queue) {
      if (at.has(k)) continue;
      const [a, b] = ends(k);
      const ok = capOk(a, b) ? placeByRelocation(k) : !pairs[k].accepted && placeByCapSwap(k);
      if (ok || (pairs[k].accepted && placeRequest(k))) changed = true;
      else unplaced.push(k);
    }
    if (!changed) break;
  }

  const reasonFor = (k: number): UnplacedReason => {
    const [a, b] = ends(k);
    for (const i of [a, b]) if (count[i] >= cap[i]) return { code: "cap", participant: input.participants[i].id };
    let common = false;
    for (let s = 0; s < S; s++) {
      if (!avail[a * S + s] || !avail[b * S + s]) continue;
      common = true;
      if (free(a, s) && free(b, s)) return { code: "tables_full" };
    }
    return common ? { code: "busy" } : { code: "unavailable" };
  };

  const placed = [...at.values()]
    .sort((x, y) => x.slot - y.slot || x.table - y.table)
    .map((m) => ({ pair: pairs[m.k], slot: m.slot, table: m.table + 1 }));
  const left = [...new Set(unplaced)].filter((k) => !at.has(k));
  const out = [...left.map((k) => ({ k, reason: reasonFor(k) })), ...[...rejected].map(([k, reason]) => ({ k, reason }))]
    .sort((x, y) => x.k - y.k)
    .map(({ k, reason }) => ({ pair: pairs[k], reason }));
  return { placed, unplaced: out, value: placed.reduce((sum, m) => sum + pairValue(m.pair), 0) };
}

/** The plain greedy pass alone: the baseline the scheduler must never fall below (tests, bench). */
export function greedyValue(input: ScheduleInput): number {
  const S = input.slots;
  const index = new Map(input.participants.map((p, i) => [p.id, i]));
  const busy = new Uint8Array(input.participants.length * S);
  input.participants.forEach((p, i) => p.unavailable.forEach((s) => s >= 0 && s < S && (busy[i * S + s] = 1)));
  const used = new Int32Array(S);
  const count = new Int32Array(input.participants.length);
  const seen = new Set<string>();
  let total = 0;
  for (const p of [...input.pairs].sort(comparePairs)) {
    const a = index.get(p.a);
    const b = index.get(p.b);
    const key = `${Math.min(p.a, p.b)}:${Math.max(p.a, p.b)}`;
    if (a == null || b == null || a === b || seen.has(key)) continue;
    seen.add(key);
    if (count[a] >= input.participants[a].cap || count[b] >= input.participants[b].cap) continue;
    for (let s = 0; s < S; s++) {
      if (used[s] < input.tables && !busy[a * S + s] && !busy[b * S + s]) {
        busy[a * S + s] = busy[b * S + s] = 1;
        used[s]++;
        count[a]++;
        count[b]++;
        total += pairValue(p);
        break;
      }
    }
  }
  return total;
}
