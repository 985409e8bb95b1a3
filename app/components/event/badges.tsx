import type { ParticipantStatus, ScheduleState } from "../../../db/schema";
import type { EffectiveRequestStatus } from "../../../db/vocabulary";
import { participantStatusLabels, participantStatusTone, requestStatusLabels, requestStatusTone, scheduleStateLabels, scheduleStateTone } from "../../utils/labels";

export function ParticipantBadge({ status }: { status: ParticipantStatus }) {
  return <span className={`badge ${participantStatusTone[status]}`}>{participantStatusLabels[status]}</span>;
}

export function RequestBadge({ status }: { status: EffectiveRequestStatus }) {
  return <span className={`badge ${requestStatusTone[status]}`}>{requestStatusLabels[status]}</span>;
}

export function ScheduleBadge({ state }: { state: ScheduleState }) {
  return <span className={`badge ${scheduleStateTone[state]}`}>日程：{scheduleStateLabels[state]}</span>;
}
