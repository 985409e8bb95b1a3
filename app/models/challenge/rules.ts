/** Client-safe rules of the 榜单 workflow that pages and queries share. */

/** The bureau's challenge queue, by stage of handling (challenge/queries.server.ts, bureauQueue). */
export const BUREAU_TABS = ["submitted", "under_review", "evaluating", "published", "delivery", "ended"] as const;
export type BureauTab = (typeof BUREAU_TABS)[number];
