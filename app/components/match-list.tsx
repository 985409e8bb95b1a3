import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { DocKind } from "../../db/schema";

export interface MatchItem {
  kind: DocKind;
  id: number;
  title: string;
  orgName: string;
  score: number;
  reasons: string[];
}

const links: Record<DocKind, string> = { challenge: "/challenges/", result: "/results/", expert: "/experts/" };

/** Matches with their score and the reasons in plain Chinese. */
export function MatchList({ items, empty }: { items: MatchItem[]; empty: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="stack" style={{ paddingLeft: 20 }}>
      {items.map((m) => (
        <li key={`${m.kind}:${m.id}`}>
          <Link to={`${links[m.kind]}${m.id}`}><strong>{m.title}</strong></Link>
          <span className="muted small"> · {m.orgName}</span>
          <span className="badge info" style={{ marginLeft: 8 }} title="匹配度（0–100）">匹配度 {m.score}</span>
          {m.reasons.length ? <div className="small muted">{m.reasons.join("；")}</div> : null}
        </li>
      ))}
    </ol>
  );
}

/** The matching section while the search engine cannot be reached: the rest of the page still works. */
export function MatchesUnavailable() {
  return <p className="alert warn" role="status">匹配推荐暂时不可用（搜索服务暂时无法连接），请稍后刷新页面再看。</p>;
}

/** A record's "might fit" section; its lists, or the notice that matching is unavailable just now. */
export function MatchesCard({ title, note, available, children }: { title: string; note: string; available: boolean; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby="matches">
      <h2 id="matches">{title}</h2>
      <p className="muted small">{note}</p>
      {available ? children : <MatchesUnavailable />}
    </section>
  );
}
