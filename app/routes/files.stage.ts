import { json, type ActionFunctionArgs } from "@remix-run/node";
import { discardStaged, stageDocument } from "../models/shared";
import { idSchema } from "../schemas/fields";
import { getDb } from "../utils/db.server";
import { attempt } from "../web/form.server";
import { httpError } from "../utils/http.server";
import { readStagedUpload } from "../web/upload.server";
import { requireUser } from "../web/session.server";
import { clock } from "../utils/time";

/**
 * `/files/stage`: the attachment component (with JavaScript) uploads each chosen file here at once
 * and the record's form then carries the returned id; `intent=discard` takes one back. Staged
 * files belong to their uploader only and are swept if never saved.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readStagedUpload(request);
  if (!form.ok) return form.response;
  if (form.values.intent === "discard") {
    const id = idSchema.safeParse(form.values.id);
    const r = await attempt(() => discardStaged(getDb(), user, id.success ? id.data : -1));
    return r.ok ? json({ ok: true as const }) : r.response;
  }
  if (!form.file) throw httpError(400, "请选择要上传的文件。");
  const file = form.file;
  const r = await attempt(() => stageDocument(getDb(), user, file, clock.now()));
  return r.ok ? json({ ok: true as const, document: r.value }) : r.response;
}
