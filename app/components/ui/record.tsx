import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** The top of a record's page: where it sits (a link back to its list), its title and its state. */
export function RecordHeading({ listTo, listName, kind, title, badge }: { listTo: string; listName: string; kind: string; title: string; badge: ReactNode }) {
  return (
    <>
      <p className="muted small"><Link to={listTo}>{listName}</Link> / {kind}</p>
      <div className="row" style={{ marginBottom: 8 }}>
        <h1 style={{ margin: 0 }}>{title}</h1>
        {badge}
      </div>
    </>
  );
}

export interface KeyFigure {
  label: string;
  value: ReactNode;
  /** Long values (a date and time, a list of words) in a smaller type, e.g. "1.2rem". */
  fontSize?: string;
}

/** A record's key figures in one row of cards (榜额, 截止, 成熟度 …). */
export function KeyFigures({ label, figures }: { label: string; figures: KeyFigure[] }) {
  return (
    <section className="card grid stats" aria-label={label}>
      {figures.map((f) => (
        <div key={f.label} className="stat">
          <div className="num" style={f.fontSize ? { fontSize: f.fontSize } : undefined}>{f.value}</div>
          <div className="label">{f.label}</div>
        </div>
      ))}
    </section>
  );
}

/** A record's main text with its keywords under it. */
export function SummaryCard({ id, title, text, keywords }: { id: string; title: string; text: string; keywords: string[] }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p style={{ whiteSpace: "pre-line" }}>{text}</p>
      <ul className="chips" aria-label="关键词">{keywords.map((k) => <li key={k}>{k}</li>)}</ul>
    </section>
  );
}
