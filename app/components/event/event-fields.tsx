import { Field, SelectField, type FormAnswer } from "../ui/form";
import { EVENT_KINDS, SLOT_MINUTES } from "../../../db/vocabulary";
import { eventKindLabels } from "../../utils/labels";

export interface EventDefaults {
  kind?: string;
  title?: string;
  eventDate?: string;
  venue?: string;
  description?: string;
  registrationOpens?: string;
  registrationCloses?: string;
  bookingOpens?: string;
  bookingCloses?: string;
  blocks?: string;
  slotMinutes?: string;
  tables?: string;
  maxMeetings?: string;
  requestExpiryHours?: string;
}

/** The bureau's event form (create and edit). Dates are days in 北京时间. */
export function EventFields({ answer, d = {} }: { answer?: FormAnswer; d?: EventDefaults }) {
  return (
    <>
      <SelectField name="kind" label="对接会类型" required answer={answer} defaultValue={d.kind} options={EVENT_KINDS.map((k) => [k, eventKindLabels[k]] as const)} />
      <Field name="title" label="对接会名称" required maxLength={80} answer={answer} defaultValue={d.title} />
      <div className="grid">
        <Field name="eventDate" label="举办日期" type="date" required answer={answer} defaultValue={d.eventDate} />
        <Field name="venue" label="举办地点" required maxLength={120} answer={answer} defaultValue={d.venue} />
      </div>
      <Field name="description" label="对接会介绍" multiline required maxLength={3000} answer={answer} defaultValue={d.description} hint="主题、面向的单位、议程安排等" />
      <fieldset>
        <legend>报名与约谈时间</legend>
        <div className="grid">
          <Field name="registrationOpens" label="报名开始" type="date" required answer={answer} defaultValue={d.registrationOpens} />
          <Field name="registrationCloses" label="报名截止" type="date" required answer={answer} defaultValue={d.registrationCloses} />
          <Field name="bookingOpens" label="约谈开始" type="date" required answer={answer} defaultValue={d.bookingOpens} />
          <Field name="bookingCloses" label="约谈截止" type="date" required answer={answer} defaultValue={d.bookingCloses} />
        </div>
      </fieldset>
      <fieldset>
        <legend>一对一洽谈安排</legend>
        <Field name="blocks" label="洽谈时段" multiline required answer={answer} defaultValue={d.blocks} hint="每行一个时段，北京时间，如 09:00-12:00" />
        <div className="grid">
          <SelectField name="slotMinutes" label="每场时长" required answer={answer} defaultValue={d.slotMinutes ?? "20"} options={SLOT_MINUTES.map((m) => [String(m), `${m} 分钟`])} />
          <Field name="tables" label="洽谈桌数" required inputMode="numeric" answer={answer} defaultValue={d.tables ?? "10"} />
          <Field name="maxMeetings" label="每家单位会谈上限" required inputMode="numeric" answer={answer} defaultValue={d.maxMeetings ?? "6"} />
          <Field name="requestExpiryHours" label="约谈请求有效期（小时）" required inputMode="numeric" answer={answer} defaultValue={d.requestExpiryHours ?? "72"} hint="逾期未回复的请求自动过期" />
        </div>
      </fieldset>
    </>
  );
}
