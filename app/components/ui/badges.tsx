import type { OrgStatus } from "../../../db/schema";
import { orgStatusLabels, orgStatusTone } from "../../utils/labels";

/** Status as a word and a colour together, never colour alone. */
export function OrgStatusBadge({ status }: { status: OrgStatus }) {
  return <span className={`badge ${orgStatusTone[status]}`}>{orgStatusLabels[status]}</span>;
}

export function DemoBadge() {
  return (
    <span className="badge neutral" title="演示数据：名称取自区规划，统一社会信用代码为生成的示例值">
      演示数据
    </span>
  );
}
