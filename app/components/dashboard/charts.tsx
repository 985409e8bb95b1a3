import { fenToWan } from "../../utils/money";

/**
 * Charts drawn on the server as SVG: role="img" with a <title> and <desc> that say what the
 * picture says; the exact numbers sit in a table next to each chart, so nothing depends on
 * seeing the picture or on JavaScript.
 */

const W = 640;

function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

export interface YearBar {
  year: number;
  fen: number;
  targetFen: number;
}

/** Registered amount per year (bars) against the plan's target path (line). */
export function TargetChart({ id, points, basisLabel }: { id: string; points: YearBar[]; basisLabel: string }) {
  const H = 260;
  const pad = { l: 56, r: 12, t: 16, b: 36 };
  const max = niceMax(Math.max(...points.map((p) => Math.max(p.fen, p.targetFen))));
  const slot = (W - pad.l - pad.r) / points.length;
  const y = (fen: number) => pad.t + (H - pad.t - pad.b) * (1 - fen / max);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * max);
  const line = points.map((p, i) => `${pad.l + slot * (i + 0.5)},${y(p.targetFen)}`).join(" ");
  const desc = points.map((p) => `${p.year} 年登记 ${fenToWan(p.fen)} 万元，目标 ${fenToWan(p.targetFen)} 万元`).join("；");
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart">
      <title id={`${id}-t`}>{`历年${basisLabel}与规划目标（万元）`}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke="#d9e2ec" />
          <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill="#52606d">{Math.round(t / 1_000_000)}</text>
        </g>
      ))}
      {points.map((p, i) => (
        <g key={p.year}>
          <rect x={pad.l + slot * i + slot * 0.18} width={slot * 0.64} y={y(p.fen)} height={Math.max(0, y(0) - y(p.fen))} fill={p.fen >= p.targetFen ? "#0b5d6b" : "#5b9aa5"} />
          <text x={pad.l + slot * (i + 0.5)} y={H - pad.b + 16} textAnchor="middle" fontSize="12" fill="#1f2933">{p.year}</text>
        </g>
      ))}
      <polyline points={line} fill="none" stroke="#b42318" strokeWidth="2" strokeDasharray="6 4" />
      {points.map((p, i) => <circle key={p.year} cx={pad.l + slot * (i + 0.5)} cy={y(p.targetFen)} r="3.5" fill="#b42318" />)}
      <g fontSize="12" fill="#1f2933">
        <rect x={pad.l} y={H - 14} width="12" height="10" fill="#0b5d6b" />
        <text x={pad.l + 16} y={H - 5}>{`已登记（万元）`}</text>
        <line x1={pad.l + 130} x2={pad.l + 150} y1={H - 9} y2={H - 9} stroke="#b42318" strokeWidth="2" strokeDasharray="6 4" />
        <text x={pad.l + 156} y={H - 5}>规划目标路径</text>
      </g>
    </svg>
  );
}

export interface Bar {
  key: string;
  label: string;
  fen: number;
  muted?: boolean;
}

/** Horizontal bars for one breakdown (type, field, flow …). */
export function BarChart({ id, title, bars }: { id: string; title: string; bars: Bar[] }) {
  // Narrower than the year chart: it sits in half a column, and its text must stay legible.
  const W = 400;
  const row = 28;
  const labelW = 130;
  const H = Math.max(1, bars.length) * row + 8;
  const max = Math.max(1, ...bars.map((b) => b.fen));
  const desc = bars.length ? bars.map((b) => `${b.label} ${fenToWan(b.fen)} 万元`).join("；") : "暂无数据";
  return (
    <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-labelledby={`${id}-t ${id}-d`} className="chart">
      <title id={`${id}-t`}>{title}</title>
      <desc id={`${id}-d`}>{desc}</desc>
      {bars.map((b, i) => {
        const w = ((W - labelW - 70) * b.fen) / max;
        return (
          <g key={b.key} transform={`translate(0 ${i * row + 4})`}>
            <text x={labelW - 8} y={18} textAnchor="end" fontSize="13" fill="#1f2933">{b.label.length > 9 ? `${b.label.slice(0, 8)}…` : b.label}</text>
            <rect x={labelW} y={4} width={Math.max(w, b.fen > 0 ? 2 : 0)} height={row - 10} fill={b.muted ? "#9aa5b1" : "#0b5d6b"} />
            <text x={labelW + w + 6} y={18} fontSize="12" fill="#1f2933">{fenToWan(b.fen)}</text>
          </g>
        );
      })}
    </svg>
  );
}
