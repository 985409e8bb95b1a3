import { formatDateTime } from "../../utils/time";
import { Field, PostForm, SubmitButton, type FormAnswer } from "../ui/form";
import { IntentForm, answerFor } from "./workflow-forms";

/** The bureau's two deadline changes (issue 13 §4); each carries the version its page showed. */
export function DeadlineForms({ deadline, version, answer }: { deadline: string | null; version: number; answer?: FormAnswer }) {
  const extend = answerFor(answer, "extend_deadline");
  const close = answerFor(answer, "close_bidding");
  return (
    <>
      <IntentForm intent="extend_deadline" title="延长揭榜截止时间" answer={answer}>
        <input type="hidden" name="version" value={version} />
        <p className="muted small">现在的截止时间：{deadline ? `${formatDateTime(deadline)}（北京时间）` : "未定"}。已提交的揭榜申请保持不变；所有揭榜单位和关注者都会收到通知。</p>
        <Field type="date" name="deadline" id="f-extend-deadline" label="新的揭榜截止日期" required answer={extend} hint="截止到所选日期 24 时（北京时间），须晚于现在的截止时间" />
        <Field name="reason" id="f-extend-reason" label="延期理由" multiline required maxLength={1000} answer={extend} hint="将在办理记录中公开" />
        <SubmitButton busyWhen="extend_deadline">延长截止时间</SubmitButton>
      </IntentForm>
      <IntentForm intent="close_bidding" title="提前截止揭榜" answer={answer}>
        <input type="hidden" name="version" value={version} />
        <p className="muted small">揭榜立即截止，榜单转入评审中，不再接受新的揭榜申请；已提交的申请保持不变。此操作不能撤销。</p>
        <Field name="reason" id="f-close-reason" label="提前截止理由" multiline required maxLength={1000} answer={close} hint="将在办理记录中公开" />
        <SubmitButton className="btn danger" busyWhen="close_bidding">提前截止揭榜</SubmitButton>
      </IntentForm>
    </>
  );
}

/** 关注 / 取消关注: a plain form, so it works without JavaScript. */
export function FollowForm({ following, count }: { following: boolean; count: number }) {
  return (
    <PostForm className="row" aria-label="关注榜单">
      <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
      <SubmitButton className="btn secondary" busyWhen={following ? "unfollow" : "follow"}>{following ? "取消关注" : "关注榜单"}</SubmitButton>
      <span className="muted small">{count} 人关注{following ? " · 您已关注，截止时间变化时会通知您" : ""}</span>
    </PostForm>
  );
}
