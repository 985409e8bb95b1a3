import type { ParticipantStatus, ScheduleState } from "../../../db/schema";
import { participantStatusLabels, participantStatusTone, requestStatusLabels, requestStatusTone, scheduleStateLabels } from "../../utils/labels";

export function ParticipantBadge({ status }: { status: ParticipantStatus }) {
  return <span className={`badge ${participantStatusTone[status]}`}>{participantStatusLabels[status]}</span>;
}

export function RequestBadge({ status }: { status: keyof typeof requestStatusLabels }) {
  return <span className={`badge ${requestStatusTone[status]}`}>{requestStatusLabels[status]}</span>;
}

export function ScheduleBadge({ state }: { state: ScheduleState }) {
  const tone = state === "final" ? "ok" : state === "preliminary" ? "info" : "neutral";
  return <span className={`badge ${tone}`}>日程：{scheduleStateLabels[state]}</span>;
}
