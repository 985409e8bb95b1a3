import type { DB } from "../../../db/client.server";
import { searchEngine } from "../../utils/search.server";
import { SearchUnavailableError } from "../../../search/engine";
import { findMatches, type Match } from "../../../search/matching";
import { effectiveStatusSql } from "../challenge";
import { clock } from "../../utils/time";
import { keptMatches } from "./kept-matches.server";

/** Names for the reasons: 技术领域 and 产业领域 by code. */
async function namers(db: DB) {
  const [fields, industries] = await Promise.all([
    db.selectFrom("tech_fields").select(["code", "name"]).execute(),
    db.selectFrom("focus_fields").select(["code", "name"]).execute(),
  ]);
  const namer = (rows: { code: string; name: string }[]) => {
    const names = new Map(rows.map((f) => [f.code, f.name]));
    return (code: string) => names.get(code) ?? code;
  };
  return { fieldName: namer(fields), industryName: namer(industries) };
}

async function challengeSource(db: DB, challengeId: number) {
  const c = await db.selectFrom("challenges").select(["title", "keywords", "summary", "field_code", "industry_code", "bounty_fen"]).where("id", "=", challengeId).executeTakeFirstOrThrow();
  return { title: c.title, keywords: c.keywords.split("、"), description: c.summary, fieldCode: c.field_code, industryCode: c.industry_code, amountFen: c.bounty_fen };
}

/**
 * A detail page's matching section, or null while the search engine cannot be reached (the engine
 * has logged the cause): the page still renders and says matching is temporarily unavailable.
 */
async function unlessUnavailable<T>(find: () => Promise<T>): Promise<T | null> {
  try {
    return await find();
  } catch (e) {
    if (e instanceof SearchUnavailableError) return null;
    throw e;
  }
}

/**
 * Which of the given pool experts suit a challenge's review, best first, with why (shared keywords,
 * same 技术领域); the same matching as the page's own, kept to people the bureau may assign.
 * Null while search is unavailable.
 */
export function rankExpertsForReview(db: DB, challengeId: number, candidates: Set<number>) {
  return unlessUnavailable(async () => {
    const source = await challengeSource(db, challengeId);
    const found = await findMatches(db, searchEngine(), source, "expert", { ...(await namers(db)), limit: Number.MAX_SAFE_INTEGER });
    return found.filter((m) => candidates.has(m.hit.id)).map((m) => ({ id: m.hit.id, score: m.score, reasons: m.reasons }));
  });
}

/** Results and researchers that may solve a challenge, or null while search is unavailable. Callers have already checked the viewer may see it. */
export function matchesForChallenge(db: DB, challengeId: number) {
  return unlessUnavailable(async () => {
    const source = await challengeSource(db, challengeId);
    return keptMatches(db, { for: "challenge", source }, () => findForChallenge(db, source));
  });
}

async function findForChallenge(db: DB, source: Awaited<ReturnType<typeof challengeSource>>) {
  const names = await namers(db);
  const [results, experts] = await Promise.all([
    findMatches(db, searchEngine(), source, "result", names),
    findMatches(db, searchEngine(), source, "expert", { ...names, limit: 3 }),
  ]);
  return { results: results.map(view), experts: experts.map(view) };
}

/** Results that may answer a challenge, with their scores only (the 对接会 scheduler's pair values). */
export async function scoredResultsForChallenge(db: DB, challengeId: number, limit = 10) {
  const source = await challengeSource(db, challengeId);
  const found = await findMatches(db, searchEngine(), source, "result", { ...(await namers(db)), limit });
  return found.map((m) => ({ resultId: m.hit.id, score: m.score }));
}

/** Open challenges (揭榜中) a result may answer, or null while search is unavailable. */
export function matchesForResult(db: DB, resultId: number, now = clock.now()) {
  return unlessUnavailable(() => findForResult(db, resultId, now));
}

async function findForResult(db: DB, resultId: number, now: Date) {
  const r = await db.selectFrom("results").select(["title", "keywords", "abstract", "field_code", "industry_code", "price_fen", "trl"]).where("id", "=", resultId).executeTakeFirstOrThrow();
  const source = { title: r.title, keywords: r.keywords.split("、"), description: r.abstract, fieldCode: r.field_code, industryCode: r.industry_code, amountFen: r.price_fen, trl: r.trl };
  const found = await keptMatches(db, { for: "result", source }, async () => findMatches(db, searchEngine(), source, "challenge", { ...(await namers(db)), limit: 10 }));
  if (found.length === 0) return [];
  // The index knows a challenge is public; whether bidding is still open depends on the clock.
  const open = await db
    .selectFrom("challenges")
    .select("id")
    .where("id", "in", found.map((m) => m.hit.id))
    .where(effectiveStatusSql(now), "=", "published")
    .execute();
  const openIds = new Set(open.map((o) => o.id));
  return found.filter((m) => openIds.has(m.hit.id)).slice(0, 5).map(view);
}

function view(m: Match) {
  return {
    kind: m.hit.kind,
    id: m.hit.id,
    title: m.hit.title.map((t) => t.text).join(""),
    orgName: m.hit.orgName,
    score: m.score,
    reasons: m.reasons,
  };
}

export type MatchView = ReturnType<typeof view>;
