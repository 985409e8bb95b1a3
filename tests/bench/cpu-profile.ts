/**
 * Where a V8 CPU profile (`node --cpu-prof`) spent its time: self time per place, where a place is
 * an npm package, a file of ours, or Node's internals, so a per-request cost can be read as shares.
 */
import fs from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package or file a script URL belongs to. */
export function placeOf(url: string): string {
  if (!url) return "(native / idle / GC)";
  if (url.startsWith("node:")) return "node: internals";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/(app|db|search|seeds|build)\/(.*)$/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/** Now on the clock V8 stamps profile samples with (CLOCK_MONOTONIC, µs), in any process. */
export const profileClock = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time in ms per place and per function, largest first, of the samples taken from `since`
 * (a `profileClock()` reading: leaves start-up out); idle time left out.
 */
export function summarise(file: string, since = 0, top = 15): { total: number; places: [string, number][]; functions: [string, number][] } {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    at += profile.timeDeltas[i] ?? 0;
    if (at < since) return;
    if (node.callFrame.functionName === "(idle)" || node.callFrame.functionName === "(program)") return;
    total += ms;
    const place = placeOf(node.callFrame.url);
    places.set(place, (places.get(place) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || "(anonymous)"} ${place}`;
    functions.set(fn, (functions.get(fn) ?? 0) + ms);
  });
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { total, places: sorted(places), functions: sorted(functions) };
}
