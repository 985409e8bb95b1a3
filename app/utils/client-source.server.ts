import { isIPv4, isIPv6 } from "node:net";
import { env } from "./env.server";

/** The source used when the client's address cannot be known: all such clients count as one. */
export const UNKNOWN_SOURCE = "unknown";

/**
 * Our own server (app/serve.server.ts) writes the socket's address here and drops any copy the
 * client sent. It says so by setting RELAYS_PEER in its environment; under another server (remix
 * dev) the header could be the client's own and is ignored.
 */
const PEER_HEADER = "x-lizhou-peer";
const RELAYS_PEER = "TECHMATCH_RELAYS_PEER";

/** For our server, once at start: the peer header can be trusted in this process. */
export function announcePeerRelay(): void {
  process.env[RELAYS_PEER] = "1";
}

/** For our server, per request: put the socket's address where clientSource finds it. */
export function relayPeer(headers: Record<string, string | string[] | undefined>, address: string | undefined): void {
  delete headers[PEER_HEADER];
  if (address) headers[PEER_HEADER] = address;
}

let warned = false;

/**
 * Where a request comes from, for per-source limits. Behind reverse proxies it is the address a
 * trusted proxy appended to X-Forwarded-For (TRUSTED_PROXIES = how many proxies append; the entry
 * that many places from the right is the address the outermost proxy saw; anything further left was
 * written by the client); facing clients directly, the socket's address our server relays.
 * An IPv6 client is counted by its /64, which one subscriber usually holds whole.
 */
export function clientSource(request: Request, trustedProxies = env.TRUSTED_PROXIES): string {
  if (trustedProxies === 0) {
    const peer = process.env[RELAYS_PEER] === "1" ? request.headers.get(PEER_HEADER) : null;
    if (peer) return sourceOfAddress(peer) ?? UNKNOWN_SOURCE;
    if (!warned && env.NODE_ENV === "production") {
      warned = true;
      console.warn("TRUSTED_PROXIES 未设置：无法得知客户端地址，登录和注册的按来源限制对所有访客合并计算。");
    }
    return UNKNOWN_SOURCE;
  }
  const hops = (request.headers.get("X-Forwarded-For") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  // Fewer entries than proxies: every entry there was written by one of our proxies.
  const address = hops[Math.max(hops.length - trustedProxies, 0)];
  return (address && sourceOfAddress(address)) ?? UNKNOWN_SOURCE;
}

/** "203.0.113.7" → itself; "2001:db8:1:2:3:4:5:6" → "2001:db8:1:2::/64"; IPv4-mapped IPv6 → the IPv4 address. */
export function sourceOfAddress(raw: string): string | null {
  const address = raw.replace(/^\[(.*)\]$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return null;
  const [head, tail] = address.split("::");
  const groups = head ? head.split(":") : [];
  if (tail !== undefined) {
    // "::" stands for as many zero groups as are missing; a trailing dotted IPv4 part is two groups.
    const tailGroups = tail ? tail.split(":").reduce((n, g) => n + (g.includes(".") ? 2 : 1), 0) : 0;
    groups.push(...Array(8 - groups.length - tailGroups).fill("0"));
  }
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(":")}::/64`;
}
