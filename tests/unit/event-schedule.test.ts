/**
 * The 对接会 scheduler on random events from a seeded PRNG: every hard constraint, the priority of
 * accepted requests, determinism, and never less value than the plain greedy pass.
 */
import { describe, expect, it } from "vitest";
import { greedyValue, pairValue, schedule, type ScheduleInput, type ScheduleResult } from "../../app/models/event/schedule";
import { sampleInput } from "../bench/event-schedule-sample";
import { prng } from "../bench/prng";

const key = (a: number, b: number) => `${Math.min(a, b)}:${Math.max(a, b)}`;

function checkConstraints(input: ScheduleInput, r: ScheduleResult) {
  const cap = new Map(input.participants.map((p) => [p.id, p.cap]));
  const unavailable = new Map(input.participants.map((p) => [p.id, new Set(p.unavailable)]));
  const tables = new Set<string>();
  const seats = new Set<string>();
  const count = new Map<number, number>();
  for (const m of r.placed) {
    expect(m.slot).toBeGreaterThanOrEqual(0);
    expect(m.slot).toBeLessThan(input.slots);
    expect(m.table).toBeGreaterThanOrEqual(1);
    expect(m.table).toBeLessThanOrEqual(input.tables);
    expect(tables.has(`${m.slot}:${m.table}`), "table double-booked").toBe(false);
    tables.add(`${m.slot}:${m.table}`);
    for (const id of [m.pair.a, m.pair.b]) {
      expect(seats.has(`${m.slot}:${id}`), "participant double-booked").toBe(false);
      seats.add(`${m.slot}:${id}`);
      expect(unavailable.get(id)!.has(m.slot), "placed in an unavailable slot").toBe(false);
      count.set(id, (count.get(id) ?? 0) + 1);
    }
  }
  for (const [id, n] of count) expect(n).toBeLessThanOrEqual(cap.get(id)!);
  // Nothing is lost: every pair is either placed or listed with a reason.
  expect(r.placed.length + r.unplaced.length).toBe(input.pairs.length);
  const placedKeys = r.placed.map((m) => key(m.pair.a, m.pair.b));
  expect(new Set(placedKeys).size).toBe(placedKeys.length);
  for (const u of r.unplaced) {
    if (u.reason.code === "cap") expect(count.get(u.reason.participant)).toBe(cap.get(u.reason.participant));
  }
  return count;
}

/** Could this accepted request be placed by pushing out suggested (not requested) meetings only? */
function placeableByEvictingSuggestions(input: ScheduleInput, r: ScheduleResult, a: number, b: number): boolean {
  const cap = new Map(input.participants.map((p) => [p.id, p.cap]));
  const unavailable = new Map(input.participants.map((p) => [p.id, new Set(p.unavailable)]));
  const requestsOf = (id: number) => r.placed.filter((m) => m.pair.accepted && (m.pair.a === id || m.pair.b === id)).length;
  if (requestsOf(a) >= cap.get(a)! || requestsOf(b) >= cap.get(b)!) return false;
  for (let s = 0; s < input.slots; s++) {
    if (unavailable.get(a)!.has(s) || unavailable.get(b)!.has(s)) continue;
    const here = r.placed.filter((m) => m.slot === s);
    const involved = here.filter((m) => [m.pair.a, m.pair.b].some((x) => x === a || x === b));
    if (involved.some((m) => m.pair.accepted)) continue;
    if (involved.length === 0 && here.length >= input.tables && here.every((m) => m.pair.accepted)) continue;
    return true;
  }
  return false;
}

const shapes = [
  { participants: 6, requests: 6, suggestions: 8, slots: 4, tables: 2 },
  { participants: 12, requests: 20, suggestions: 30, slots: 6, tables: 3 },
  { participants: 30, requests: 60, suggestions: 80, slots: 10, tables: 5 },
  { participants: 40, requests: 150, suggestions: 100, slots: 8, tables: 12, unavailableShare: 0.4 },
  { participants: 2, requests: 1, suggestions: 0, slots: 1, tables: 1 },
];

describe("scheduler on random events (seeded)", () => {
  for (const [n, shape] of shapes.entries()) {
    it(`shape ${n + 1}: ${JSON.stringify(shape)} over 40 seeds`, () => {
      for (let seed = 1; seed <= 40; seed++) {
        const input = sampleInput(seed * 7919 + n, shape);
        const r = schedule(input);
        checkConstraints(input, r);
        expect(r.value).toBe(r.placed.reduce((s, m) => s + pairValue(m.pair), 0));
        expect(r.value, `seed ${seed}`).toBeGreaterThanOrEqual(greedyValue(input));
        for (const u of r.unplaced) {
          if (!u.pair.accepted || u.reason.code === "duplicate") continue;
          expect(placeableByEvictingSuggestions(input, r, u.pair.a, u.pair.b), `request ${u.pair.a}–${u.pair.b} left out, seed ${seed}`).toBe(false);
        }
      }
    });
  }

  it("improves on the greedy pass somewhere (the local search does real work)", () => {
    let better = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const input = sampleInput(seed, { participants: 30, requests: 40, suggestions: 120, slots: 6, tables: 6, cap: 4 });
      if (schedule(input).value > greedyValue(input)) better++;
    }
    expect(better).toBeGreaterThan(0);
  });

  it("gives the same agenda for the same input in any order", () => {
    const input = sampleInput(42, { participants: 25, requests: 50, suggestions: 60, slots: 8, tables: 4 });
    const rand = prng(7);
    const shuffled = { ...input, pairs: [...input.pairs].map((p) => [rand(), p] as const).sort((x, y) => x[0] - y[0]).map(([, p]) => p) };
    expect(schedule(shuffled)).toEqual(schedule(input));
    expect(schedule(input)).toEqual(schedule(input));
  });

  it("places an accepted request ahead of stronger suggestions", () => {
    const input: ScheduleInput = {
      slots: 1,
      tables: 1,
      participants: [1, 2, 3].map((id) => ({ id, cap: 1, unavailable: [] })),
      pairs: [
        { a: 1, b: 2, score: 99, accepted: false },
        { a: 1, b: 3, score: 10, accepted: true },
      ],
    };
    const r = schedule(input);
    expect(r.placed.map((m) => [m.pair.a, m.pair.b])).toEqual([[1, 3]]);
    expect(r.unplaced[0].reason).toEqual({ code: "cap", participant: 1 });
  });

  it("says why a pair was left out", () => {
    const input: ScheduleInput = {
      slots: 2,
      tables: 1,
      participants: [
        { id: 1, cap: 5, unavailable: [0] },
        { id: 2, cap: 5, unavailable: [1] },
        { id: 3, cap: 5, unavailable: [] },
        { id: 4, cap: 5, unavailable: [] },
      ],
      pairs: [
        { a: 1, b: 2, score: 50, accepted: true },
        { a: 3, b: 4, score: 50, accepted: true },
        { a: 1, b: 3, score: 40, accepted: false },
        { a: 2, b: 4, score: 30, accepted: false },
        { a: 4, b: 3, score: 20, accepted: false },
        { a: 3, b: 9, score: 20, accepted: false },
      ],
    };
    const r = schedule(input);
    const reasons = Object.fromEntries(r.unplaced.map((u) => [key(u.pair.a, u.pair.b), u.reason.code]));
    expect(reasons["1:2"]).toBe("unavailable");
    expect(reasons["3:4"]).toBe("duplicate");
    expect(reasons["3:9"]).toBe("not_registered");
    expect(r.placed).toHaveLength(2);
    expect(reasons["2:4"]).toBe("busy");
    const full = schedule({ ...input, slots: 1, participants: input.participants.map((p) => ({ ...p, unavailable: [] })), pairs: [input.pairs[0], input.pairs[1]] });
    expect(full.unplaced.map((u) => u.reason.code)).toEqual(["tables_full"]);
  });
});
