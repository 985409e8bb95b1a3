import { markInterest, moveResult, replyToInterest } from "../../models/result";
import type { CurrentUser } from "../../models/shared";
import { idSchema } from "../../schemas/fields";
import { parse } from "../../schemas/parse";
import { interestSchema } from "../../schemas/result";
import { getDb } from "../../utils/db.server";
import { redirectWithNotice } from "../../utils/flash.server";
import { attempt, invalid, type FormValues } from "../../web/form.server";
import { createOnce } from "../../web/form-key.server";
import { httpError } from "../../utils/http.server";
import type { NoticeKey } from "../../utils/notices";

/** The 科技成果 page's buttons: the owner publishes or takes down; an enterprise and the team talk. */
export async function runResultIntent(user: CurrentUser, id: number, values: FormValues): Promise<Response> {
  const db = getDb();
  const back = (notice: NoticeKey) => redirectWithNotice(`/results/${id}`, notice);
  switch (values.intent) {
    case "publish":
    case "archive": {
      const move = values.intent;
      const r = await attempt(() => moveResult(db, user, id, move), values);
      return r.ok ? back(move === "publish" ? "resultPublished" : "resultArchived") : r.response;
    }
    case "interest": {
      const p = parse(interestSchema, values);
      if (!p.ok) return invalid(p.errors, values);
      const r = await attempt(() => createOnce(user, values, async () => (await markInterest(db, user, id, p.data.message), `/results/${id}`)), values);
      return r.ok ? back("interestSent") : r.response;
    }
    case "reply": {
      const p = parse(interestSchema, values);
      const interestId = idSchema.safeParse(values.interestId);
      if (!p.ok) return invalid(p.errors, values);
      const r = await attempt(() => replyToInterest(db, user, id, interestId.success ? interestId.data : -1, p.data.message), values);
      return r.ok ? back("replySent") : r.response;
    }
    default:
      throw httpError(400, "未知操作，请刷新页面后重试。");
  }
}
