import type { Kysely } from "kysely";
import type { Database, DocKind, Region } from "../db/schema";

/**
 * The one place that decides what is searchable and what a document contains: only published
 * items, only public fields. Bids, contact details, drafts and unpublished challenges never get here.
 */
export interface SearchDocument {
  key: string;
  kind: DocKind;
  id: number;
  title: string;
  /** Public text, in order of importance. */
  body: string;
  keywords: string[];
  fieldCode: string | null;
  /** 产业领域 code; optional for synthetic corpora (bench, eval). */
  industryCode?: string | null;
  status: string | null;
  trl: number | null;
  amountFen: number | null;
  orgName: string;
  /** The organisation's region (public on its page); optional for synthetic corpora (bench, eval). */
  orgRegion?: Region | null;
  updatedAt: string;
}

const PUBLIC_CHALLENGE_STATUSES = ["published", "evaluating", "selected", "contracted", "in_progress", "accepted", "closed"];

export async function challengeDocument(db: Kysely<Database>, id: number): Promise<SearchDocument | null> {
  const c = await db
    .selectFrom("challenges")
    .innerJoin("organizations", "organizations.id", "challenges.org_id")
    .select(["challenges.id", "challenges.title", "challenges.summary", "challenges.keywords", "challenges.field_code", "challenges.industry_code", "challenges.status", "challenges.bounty_fen", "challenges.updated_at", "organizations.name as org_name", "organizations.region as org_region"])
    .where("challenges.id", "=", id)
    .executeTakeFirst();
  if (!c || !PUBLIC_CHALLENGE_STATUSES.includes(c.status)) return null;
  return {
    key: `challenge:${c.id}`,
    kind: "challenge",
    id: c.id,
    title: c.title,
    body: `${c.keywords.replaceAll("、", " ")} ${c.summary}`,
    keywords: c.keywords.split("、"),
    fieldCode: c.field_code,
    industryCode: c.industry_code,
    status: c.status,
    trl: null,
    amountFen: c.bounty_fen,
    orgName: c.org_name,
    orgRegion: c.org_region,
    updatedAt: c.updated_at,
  };
}

export async function resultDocument(db: Kysely<Database>, id: number): Promise<SearchDocument | null> {
  const r = await db
    .selectFrom("results")
    .innerJoin("organizations", "organizations.id", "results.org_id")
    .select(["results.id", "results.title", "results.abstract", "results.keywords", "results.field_code", "results.industry_code", "results.status", "results.trl", "results.price_fen", "results.updated_at", "organizations.name as org_name", "organizations.region as org_region"])
    .where("results.id", "=", id)
    .executeTakeFirst();
  if (!r || r.status !== "published") return null;
  return {
    key: `result:${r.id}`,
    kind: "result",
    id: r.id,
    title: r.title,
    body: `${r.keywords.replaceAll("、", " ")} ${r.abstract}`,
    keywords: r.keywords.split("、"),
    fieldCode: r.field_code,
    industryCode: r.industry_code,
    status: r.status,
    trl: r.trl,
    amountFen: r.price_fen,
    orgName: r.org_name,
    orgRegion: r.org_region,
    updatedAt: r.updated_at,
  };
}

export async function expertDocument(db: Kysely<Database>, userId: number): Promise<SearchDocument | null> {
  const p = await db
    .selectFrom("researcher_profiles")
    .innerJoin("users", "users.id", "researcher_profiles.user_id")
    .innerJoin("organizations", "organizations.id", "users.org_id")
    .select(["users.id", "users.name", "users.role", "users.membership_status", "organizations.status as org_status", "organizations.name as org_name", "organizations.region as org_region", "researcher_profiles.title", "researcher_profiles.field_codes", "researcher_profiles.keywords", "researcher_profiles.bio", "researcher_profiles.achievements", "researcher_profiles.updated_at"])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  if (!p || p.membership_status !== "active" || p.org_status !== "verified") return null;
  return {
    key: `expert:${p.id}`,
    kind: "expert",
    id: p.id,
    title: `${p.name}（${p.title}）`,
    body: `${p.keywords.replaceAll("、", " ")} ${p.bio ?? ""} ${p.achievements ?? ""}`,
    keywords: p.keywords.split("、"),
    fieldCode: p.field_codes.split(",")[0] ?? null,
    status: p.role === "expert" ? "expert" : "researcher",
    trl: null,
    amountFen: null,
    orgName: p.org_name,
    orgRegion: p.org_region,
    updatedAt: p.updated_at,
  };
}

export const documentBuilders: Record<DocKind, (db: Kysely<Database>, id: number) => Promise<SearchDocument | null>> = {
  challenge: challengeDocument,
  result: resultDocument,
  expert: expertDocument,
};

/** Every searchable document in the database, for a rebuild. */
export async function allDocuments(db: Kysely<Database>): Promise<SearchDocument[]> {
  const ids: [DocKind, number][] = [
    ...(await db.selectFrom("challenges").select("id").execute()).map((r) => ["challenge", r.id] as [DocKind, number]),
    ...(await db.selectFrom("results").select("id").execute()).map((r) => ["result", r.id] as [DocKind, number]),
    ...(await db.selectFrom("researcher_profiles").select("user_id").execute()).map((r) => ["expert", r.user_id] as [DocKind, number]),
  ];
  const docs: SearchDocument[] = [];
  for (const [kind, id] of ids) {
    const d = await documentBuilders[kind](db, id);
    if (d) docs.push(d);
  }
  return docs;
}
