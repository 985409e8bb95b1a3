import { Form, Link } from "@remix-run/react";
import { fenToWan, fenToYuan } from "../../utils/money";
import { BarChart, type Bar } from "./charts";

/** 12,345,678.90 元 beside 1234.57 万元: the exact figure and the one people quote. */
export function Money({ fen }: { fen: number }) {
  return (
    <>
      {fenToWan(fen)} 万元<br />
      <small>{fenToYuan(fen)} 元</small>
    </>
  );
}

export function pct(part: number, whole: number): string {
  return whole > 0 ? `${((part * 100) / whole).toFixed(1)}%` : "—";
}

export interface BreakdownRow extends Bar {
  n: number;
  /** The ledger view whose rows add up to this figure (bureau only). */
  href?: string;
}

/** One breakdown: a bar chart, then the same numbers as a table. */
export function Breakdown({ id, title, rows, note }: { id: string; title: string; rows: BreakdownRow[]; note?: string }) {
  const total = rows.filter((r) => !r.muted).reduce((a, r) => a + r.fen, 0);
  return (
    <section className="card" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      {note ? <p className="muted small">{note}</p> : null}
      {rows.length === 0 ? (
        <p className="empty">该年度暂无登记合同。</p>
      ) : (
        <>
          <BarChart id={`${id}-chart`} title={`${title}（万元）`} bars={rows} />
          <div className="table-wrap">
            <table className="responsive small">
              <thead><tr><th scope="col">分类</th><th scope="col" className="num">份数</th><th scope="col" className="num">金额</th><th scope="col" className="num">占比</th></tr></thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" data-label="分类" style={{ background: "none", color: "inherit", fontWeight: 400, whiteSpace: "normal" }}>
                      {r.href ? <Link to={r.href}>{r.label}</Link> : r.label}
                      {r.muted ? <span className="muted">（不计入）</span> : null}
                    </th>
                    <td data-label="份数" className="num">{r.n}</td>
                    <td data-label="金额" className="num" data-fen={r.fen}><Money fen={r.fen} /></td>
                    <td data-label="占比" className="num">{r.muted ? "—" : pct(r.fen, total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** The year the breakdowns below it are for; a plain GET form, so it works without JavaScript. */
export function YearPicker({ year, years }: { year: number; years: number[] }) {
  return (
    <Form method="get" className="row" aria-label="选择年度" style={{ marginBottom: 16 }}>
      <label htmlFor="year" style={{ margin: 0 }}>年度</label>
      <select id="year" name="year" defaultValue={String(year)} style={{ width: "auto" }}>
        {years.map((y) => <option key={y} value={y}>{y} 年</option>)}
      </select>
      <button className="btn secondary small" type="submit">查看</button>
    </Form>
  );
}
