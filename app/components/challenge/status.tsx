import type { ChallengeStatus } from "../../../db/schema";
import { challengeStatusLabels, challengeStatusTone } from "../../utils/labels";

export function ChallengeStatusBadge({ status }: { status: ChallengeStatus }) {
  return <span className={`badge ${challengeStatusTone[status]}`}>{challengeStatusLabels[status]}</span>;
}
