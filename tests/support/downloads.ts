/**
 * The download matrix rule, shared by the route tests and the e2e round: a viewer allowed a file
 * gets 200, everyone else 404 (never 403: a forbidden file reads exactly as a missing one).
 */
export type Allowed<F extends string, V extends string> = Partial<Record<F, readonly V[] | "everyone">>;

export function expectedStatuses<F extends string, V extends string>(allowed: Allowed<F, V>, viewers: readonly V[]): Record<F, Record<V, 200 | 404>> {
  return Object.fromEntries(
    (Object.entries(allowed) as [F, readonly V[] | "everyone"][]).map(([file, who]) => [
      file,
      Object.fromEntries(viewers.map((v) => [v, who === "everyone" || who.includes(v) ? 200 : 404])),
    ]),
  ) as Record<F, Record<V, 200 | 404>>;
}
