import type { ScheduleInput, SchedulePair } from "../../app/models/event/schedule";
import { prng } from "./prng";

export interface SampleOptions {
  participants: number;
  /** Accepted meeting requests. */
  requests: number;
  /** Suggested pairs from matching. */
  suggestions?: number;
  slots?: number;
  tables?: number;
  cap?: number;
  /** Share of slots each participant marks unavailable. */
  unavailableShare?: number;
}

/** A random but reproducible event: participants with caps and unavailable slots, requests and suggestions. */
export function sampleInput(seed: number, o: SampleOptions): ScheduleInput {
  const rand = prng(seed);
  const int = (n: number) => Math.floor(rand() * n);
  const slots = o.slots ?? 18;
  const participants = Array.from({ length: o.participants }, (_, i) => ({
    id: i + 1,
    cap: o.cap ?? 1 + int(8),
    unavailable: Array.from({ length: slots }, (_, s) => s).filter(() => rand() < (o.unavailableShare ?? 0.15)),
  }));
  const pairs: SchedulePair[] = [];
  const pick = (accepted: boolean) => {
    const a = 1 + int(o.participants);
    let b = 1 + int(o.participants - 1);
    if (b >= a) b++;
    pairs.push({ a, b, score: accepted ? 40 + int(61) : 10 + int(91), accepted });
  };
  if (o.participants >= 2) {
    for (let i = 0; i < o.requests; i++) pick(true);
    for (let i = 0; i < (o.suggestions ?? o.requests); i++) pick(false);
  }
  return { slots, tables: o.tables ?? Math.max(1, Math.floor(o.participants / 5)), participants, pairs };
}
