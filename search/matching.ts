import type { Kysely } from "kysely";
import type { Database, DocKind } from "../db/schema";
import type { SearchEngine, SearchHit } from "./engine";
import { queryTerms } from "./segment";

/** Words every technical text uses; as shared keywords they explain nothing and match everything. */
const GENERIC = new Set(
  "技术 研究 开发 应用 利用 方法 工艺 系统 提高 关键 关键技术 综合 综合利用 资源 加工 设计 装置 产品 项目 企业 需求 成果 实现 基于 及其 以及 新型 高效 问题 解决 优化 控制 提升 示范".split(" "),
);

/**
 * Two-way matching on top of any search engine: retrieve with a record's own key terms, then
 * blend text relevance with structured signals (技术领域, 成熟度, price vs bounty) and say why.
 */
export interface MatchSource {
  title: string;
  keywords: string[];
  fieldCode: string;
  /** 榜额 of a challenge, or 参考价格 of a result, in 分 (0 or null: 面议). */
  amountFen: number | null;
  /** A result's TRL, when the source is a result. */
  trl?: number | null;
}

export interface Match {
  hit: SearchHit;
  /** 0–100 */
  score: number;
  reasons: string[];
}

const RETRIEVE = 30;

/** A text as matching queries it: its words, minus generic ones (also used by the evaluation). */
export function matchQuery(text: string): string {
  return queryTerms(text).filter((t) => !GENERIC.has(t)).join(" ");
}

/** The terms a record is matched on: its keywords first, then the words of its title. */
function sourceQuery(s: MatchSource): string {
  return matchQuery([...s.keywords, s.title].join(" "));
}

function sharedTerms(hit: SearchHit): string[] {
  const marked = [...hit.title, ...hit.snippet].filter((r) => r.mark).map((r) => r.text.trim());
  return [...new Set(marked.filter((t) => t.length >= 2 && !GENERIC.has(t)))].slice(0, 5);
}

export async function findMatches(
  db: Kysely<Database>,
  engine: SearchEngine,
  source: MatchSource,
  kind: DocKind,
  { limit = 5, fieldName }: { limit?: number; fieldName: (code: string) => string },
): Promise<Match[]> {
  const found = await engine.search(db, { q: sourceQuery(source), kind, page: 1, pageSize: RETRIEVE });
  const best = found.hits[0]?.score ?? 0;
  if (best <= 0) return [];
  // A match needs textual evidence: field, maturity and price only rank what the words found.
  const withEvidence = found.hits.map((hit) => ({ hit, shared: sharedTerms(hit) })).filter((x) => x.shared.length > 0);
  const matches = withEvidence.map(({ hit, shared }) => {
    const reasons: string[] = [`共同关键词：${shared.join("、")}`];
    let structure = 0;
    if (hit.fieldCode && hit.fieldCode === source.fieldCode) {
      structure += 0.15;
      reasons.push(`同属技术领域“${fieldName(hit.fieldCode)}”`);
    }
    // A challenge wants something close to use; a result looks for a challenge it can meet.
    const trl = kind === "result" ? hit.trl : (source.trl ?? null);
    if (trl != null && trl >= 6) {
      structure += 0.1;
      reasons.push(`成熟度 TRL ${trl}，已到中试或产业化阶段`);
    } else if (trl != null && trl <= 3) {
      reasons.push(`成熟度 TRL ${trl}，尚在实验室阶段，需继续开发`);
    }
    const price = kind === "result" ? hit.amountFen : source.amountFen;
    const bounty = kind === "result" ? source.amountFen : hit.amountFen;
    if (price != null && price > 0 && bounty != null && bounty > 0) {
      if (price <= bounty) {
        structure += 0.1;
        reasons.push("参考价格在榜额以内");
      } else if (price > bounty * 1.5) {
        structure -= 0.1;
        reasons.push("参考价格明显高于榜额");
      }
    }
    const text = hit.score / best; // 1 for the best text match
    const score = Math.max(0, Math.min(100, Math.round((0.7 * text + structure) * 100)));
    return { hit, score, reasons };
  });
  return matches.sort((a, b) => b.score - a.score || a.hit.key.localeCompare(b.hit.key)).slice(0, limit);
}
