import type { Dashboard } from "../../models/contract";

/** 表1's indicators against their 2025 and 2035 targets: the latest actual, or every year entered. */
export function IndicatorTable({ indicators, allYears = false }: { indicators: Dashboard["indicators"]; allYears?: boolean }) {
  return (
    <div className="table-wrap">
      <table className="responsive small">
        <thead>
          <tr><th>指标</th><th>单位</th><th className="num">2020 年</th><th className="num">{allYears ? "各年实际值" : "最新实际"}</th><th className="num">2025 年目标</th><th className="num">2035 年目标</th></tr>
        </thead>
        <tbody>
          {indicators.map((i) => (
            <tr key={i.id}>
              <td data-label="指标">{i.name}{i.fromLedger ? <span className="muted">（由台账汇总）</span> : null}</td>
              <td data-label="单位">{i.unit}</td>
              <td data-label="2020 年" className="num">{i.v2020 ?? "—"}</td>
              <td data-label={allYears ? "各年实际值" : "最新实际"} className="num">
                {allYears
                  ? i.actuals.map((x) => `${x.year}：${x.value}`).join("；") || "暂无"
                  : i.latest ? `${i.latest.value}（${i.latest.year}）` : "暂无"}
              </td>
              <td data-label="2025 年目标" className="num">{i.v2025}</td>
              <td data-label="2035 年目标" className="num">{i.v2035}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
