import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Timeline, type TimelineEvent } from "../../app/components/challenge/timeline";
import { formatDateTime } from "../../app/utils/time";

const at = new Date().toISOString();

const entry = (e: Partial<TimelineEvent>): TimelineEvent => ({
  id: 1,
  action: "pay",
  from_state: "accepted",
  to_state: "closed",
  reason: null,
  amount_fen: null,
  created_at: at,
  actor_name: "海聚 王经理",
  withheld: false,
  ...e,
});

describe("办理记录", () => {
  it("shows a withheld step with its label and date and says who may read its content", () => {
    const html = renderToStaticMarkup(<Timeline events={[entry({ withheld: true }), entry({ id: 2, action: "fail", to_state: "failed", withheld: true })]} />);
    expect(html).toContain("登记兑现");
    expect(html).toContain(formatDateTime(at));
    expect(html).toContain("（内容仅当事双方和区科技局可见）");
    expect(html).toContain("（理由仅发榜企业、揭榜单位和区科技局可见）");
  });

  it("shows a party the amount as a field of its step", () => {
    const html = renderToStaticMarkup(<Timeline events={[entry({ amount_fen: 75_310_246 })]} />);
    expect(html).toContain("兑现金额 75.31 万元");
    expect(html).not.toContain("可见");
  });
});
