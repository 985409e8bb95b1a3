import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PostForm, SubmitButton, isFormAnswer, type FormAnswer } from "../components/ui/form";
import { deleteSynonymGroup, listSynonymGroups, saveSynonymGroup } from "../models/shared";
import { idSchema } from "../schemas/fields";
import { parse } from "../schemas/parse";
import { synonymGroupSchema } from "../schemas/thesaurus";
import { getDb } from "../utils/db.server";
import { redirectWithNotice } from "../utils/flash.server";
import { formatDateTime } from "../utils/time";
import { attempt, invalid, readForm } from "../web/form.server";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "同义词表 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  return json({ groups: await listSynonymGroups(getDb()) });
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const values = await readForm(request);
  const done = (applied: boolean) => redirectWithNotice("/bureau/synonyms", applied ? "thesaurusSaved" : "thesaurusPending");
  if (values.intent === "delete") {
    const id = idSchema.safeParse(values.groupId);
    const r = await attempt(() => deleteSynonymGroup(getDb(), officer, id.success ? id.data : -1), values);
    return r.ok ? done(r.value) : r.response;
  }
  const parsed = parse(synonymGroupSchema, values);
  if (!parsed.ok) return invalid(parsed.errors, values);
  const r = await attempt(() => saveSynonymGroup(getDb(), officer, parsed.data), values);
  return r.ok ? done(r.value) : r.response;
}

const WORDS_HINT = "例如“污水、废水”。用顿号、逗号或空格分隔，每组 2–12 个词，每个词至少 2 个字。";

/** The answer of the form that posted: the new-group form, or one group's row. */
const answerFor = (a: FormAnswer | undefined, groupId: number | null) =>
  a && (a.values.groupId ?? "") === (groupId == null ? "" : String(groupId)) ? a : undefined;

export default function Synonyms() {
  const { groups } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const a = isFormAnswer(answer) ? answer : undefined;
  return (
    <>
      <p className="muted small">区科技局 · <Link to="/bureau/matches">候选对接</Link></p>
      <h1>同义词表</h1>
      <p>
        同一组里的词在搜索和匹配时互相代替：搜“污水”也能找到写着“废水”的榜单和成果。
        请只收同一事物的不同叫法；意思相近但不相同的词放在一起会让结果变杂。
      </p>
      <section className="card" aria-labelledby="new-group">
        <h2 id="new-group">添加一组同义词</h2>
        <PostForm>
          <input type="hidden" name="intent" value="save" />
          <Field name="words" id="f-words-new" label="同义词" required answer={answerFor(a, null)} hint={WORDS_HINT} maxLength={400} />
          <SubmitButton busyWhen="save">添加</SubmitButton>
        </PostForm>
      </section>
      <section className="card" aria-labelledby="groups">
        <h2 id="groups">现有同义词（{groups.length} 组）</h2>
        {groups.length === 0 ? (
          <p className="empty">还没有同义词。添加第一组后，搜索即按它查找。</p>
        ) : (
          <ul className="synonym-groups">
            {groups.map((g, i) => (
              <li key={g.id}>
                <PostForm className="synonym-row">
                  <input type="hidden" name="intent" value="save" />
                  <input type="hidden" name="groupId" value={g.id} />
                  <Field name="words" id={`f-words-${g.id}`} label={`第 ${i + 1} 组`} required answer={answerFor(a, g.id)} defaultValue={g.words.join("、")} maxLength={400} />
                  <button className="btn secondary small" type="submit">保存修改</button>
                </PostForm>
                <PostForm className="synonym-delete">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="groupId" value={g.id} />
                  <button className="btn danger small" type="submit" aria-label={`删除同义词组：${g.words.join("、")}`}>删除</button>
                </PostForm>
                <p className="muted small">{g.updatedBy ? `${g.updatedBy}修改于 ` : "初始词表，"}{formatDateTime(g.updatedAt)}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
