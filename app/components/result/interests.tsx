import { Link } from "@remix-run/react";
import { formatDateTime } from "../../utils/time";
import { Field, PostForm, SubmitButton, type FormAnswer } from "../ui/form";
import type { ResultPageView, ResultView } from "./result-view";

/** The owner's buttons: change, publish, take down. */
export function ResultOwnerActions({ result }: { result: ResultView }) {
  return (
    <section className="card" aria-label="管理成果">
      <div className="row">
        {result.status !== "archived" ? <Link className="btn secondary" to={`/results/${result.id}/edit`}>修改</Link> : null}
        {result.status === "draft" ? (
          <PostForm><input type="hidden" name="intent" value="publish" /><SubmitButton busyWhen="publish">发布成果</SubmitButton></PostForm>
        ) : null}
        {result.status === "published" ? (
          <PostForm><input type="hidden" name="intent" value="archive" /><SubmitButton className="btn danger" busyWhen="archive">下架</SubmitButton></PostForm>
        ) : null}
      </div>
    </section>
  );
}

/** An enterprise's first word to the team. */
export function InterestForm({ answer }: { answer?: FormAnswer }) {
  return (
    <PostForm creates className="card" aria-label="感兴趣" noValidate>
      <h2>对这项成果感兴趣</h2>
      <input type="hidden" name="intent" value="interest" />
      <Field name="message" label="留言" multiline required maxLength={1000} answer={answer} hint="说明贵单位的应用场景和合作设想，成果团队会收到通知" />
      <SubmitButton busyWhen="interest">感兴趣，联系团队</SubmitButton>
    </PostForm>
  );
}

/** 合作意向: one thread per interested enterprise; its parties reply, the bureau reads. */
export function InterestThreads({ interests, interestCount, bureau }: { interests: ResultPageView["interests"]; interestCount: ResultPageView["interestCount"]; bureau: boolean }) {
  return (
    <section className="card" aria-labelledby="interests">
      <h2 id="interests">合作意向{interestCount != null ? `（${interestCount} 家企业）` : ""}</h2>
      {interests.length === 0 ? <p className="muted">还没有企业表达意向。</p> : null}
      {interests.map((thread) => (
        <article key={thread.id} className="card" aria-label={`${thread.org_name} 的合作意向`}>
          <h3>{thread.org_name}</h3>
          <ol className="timeline">
            {thread.messages.map((message) => (
              <li key={message.id}>
                <strong>{message.author}</strong><span className="muted small">（{message.author_org}）· {formatDateTime(message.created_at)}</span>
                <div style={{ whiteSpace: "pre-line" }}>{message.body}</div>
              </li>
            ))}
          </ol>
          {!bureau ? (
            <PostForm noValidate>
              <input type="hidden" name="intent" value="reply" />
              <input type="hidden" name="interestId" value={thread.id} />
              <label htmlFor={`reply-${thread.id}`}>回复</label>
              <textarea id={`reply-${thread.id}`} name="message" required maxLength={1000} />
              <SubmitButton busyWhen="reply">发送回复</SubmitButton>
            </PostForm>
          ) : null}
        </article>
      ))}
    </section>
  );
}
