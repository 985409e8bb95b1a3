/**
 * `npm run bench:schedule -- --participants 300 --requests 1500 [--suggestions N] [--slots 18] [--tables 60] [--seed 1]`
 * Times the 对接会 scheduler on a reproducible random event and prints a JSON line last.
 */
import { parseArgs } from "node:util";
import { greedyValue, schedule } from "../../app/models/event/schedule";
import { sampleInput } from "./event-schedule-sample";

const { values } = parseArgs({
  options: {
    participants: { type: "string", default: "300" },
    requests: { type: "string", default: "1500" },
    suggestions: { type: "string" },
    slots: { type: "string", default: "18" },
    tables: { type: "string" },
    cap: { type: "string", default: "8" },
    seed: { type: "string", default: "1" },
  },
});
const n = (s: string | undefined) => (s == null ? undefined : Number(s));
const participants = n(values.participants)!;
const requests = n(values.requests)!;
const input = sampleInput(n(values.seed)!, {
  participants,
  requests,
  suggestions: n(values.suggestions) ?? requests,
  slots: n(values.slots),
  tables: n(values.tables),
  cap: n(values.cap),
});
schedule(sampleInput(2, { participants: 20, requests: 40 })); // warm up the JIT on a small event
const t0 = performance.now();
const r = schedule(input);
const ms = Math.round(performance.now() - t0);
const placedRequests = r.placed.filter((m) => m.pair.accepted).length;
console.log(
  `时段 ${input.slots} × 桌 ${input.tables}，每方上限 ${values.cap}；候选 ${input.pairs.length} 对（已接受的请求 ${requests}），` +
    `排入 ${r.placed.length} 场（请求 ${placedRequests}），未排入 ${r.unplaced.length}；总值 ${r.value}，纯贪心 ${greedyValue(input)}`,
);
console.log(JSON.stringify({ participants, requests, ms, placed: r.placed.length }));
