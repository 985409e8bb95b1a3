import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, DocumentRecordKind } from "../../../db/schema";
import { attachmentKinds, type Access } from "../../files/kinds.server";
import type { StoredFile } from "../../files/index.server";
import type { FileStore } from "../../files/store.server";
import { recordAudit } from "./audit.server";
import { InvalidInputError, NotFoundError } from "../../utils/errors";
import type { CurrentUser } from "./session.server";
import { clock } from "../../utils/time";

type Tx = Kysely<Database>;

/** What a record's form sent about its files: new uploads, staged ids to attach, ids to remove. */
export interface AttachmentChanges {
  fresh: (StoredFile & { slot: string })[];
  staged: { slot: string; id: number }[];
  remove: number[];
}

export const NO_CHANGES: AttachmentChanges = { fresh: [], staged: [], remove: [] };

export function hasChanges(c: AttachmentChanges): boolean {
  return c.fresh.length + c.staged.length + c.remove.length > 0;
}

/** An upload made ahead of saving (the form's JavaScript): it belongs to its uploader until attached. */
export async function stageDocument(db: DB, user: CurrentUser, file: StoredFile, now: Date): Promise<{ id: number; name: string; size: number; mime: string }> {
  const { id } = await db
    .insertInto("documents")
    .values({ ...file, uploaded_by: user.id, org_id: user.orgId, created_at: now.toISOString(), record_kind: null, record_id: null, purpose: null, attached_at: null, removed_at: null, removed_by: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id, name: file.name, size: file.size, mime: file.mime };
}

/** Take back a staged upload before saving; only its uploader can, and only while it is staged. */
export async function discardStaged(db: DB, user: CurrentUser, id: number): Promise<void> {
  const r = await db.deleteFrom("documents").where("id", "=", id).where("uploaded_by", "=", user.id).where("record_kind", "is", null).executeTakeFirst();
  if (r.numDeletedRows === 0n) throw new NotFoundError("该附件不存在或已保存，无法撤销。");
}

const notYours = "所选附件不存在、已被使用或不是您上传的，请重新上传。";

/**
 * Apply a form's file changes to a record, inside the record's own transaction (the caller has
 * already checked that `actor` may change the record). Refuses the whole save when a staged id is
 * not the actor's, a removal names another record's file, or the record's limits would be passed.
 */
export async function attachDocuments(trx: Tx, actor: CurrentUser, kind: DocumentRecordKind, recordId: number, changes: AttachmentChanges, now: Date = clock.now()): Promise<void> {
  if (!hasChanges(changes)) return;
  const spec = attachmentKinds[kind];
  const at = now.toISOString();
  for (const s of [...changes.fresh, ...changes.staged]) {
    if (!spec.slots[s.slot]) throw new InvalidInputError({}, "附件类别无效，请刷新页面后重试。");
  }
  if (changes.remove.length) {
    const r = await trx
      .updateTable("documents")
      .set({ removed_at: at, removed_by: actor.id })
      .where("id", "in", changes.remove)
      .where("record_kind", "=", kind)
      .where("record_id", "=", recordId)
      .where("removed_at", "is", null)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== new Set(changes.remove).size) throw new InvalidInputError({}, "要移除的附件不属于本记录或已移除，请刷新页面后重试。");
    for (const id of changes.remove) await recordAudit(trx, { entity: "document", entityId: id, action: "remove", actorId: actor.id });
  }
  const stagedIds = [...new Set(changes.staged.map((s) => s.id))];
  const staged = stagedIds.length
    ? await trx.selectFrom("documents").select(["id", "size"]).where("id", "in", stagedIds).where("uploaded_by", "=", actor.id).where("record_kind", "is", null).execute()
    : [];
  if (staged.length !== stagedIds.length || stagedIds.length !== changes.staged.length) throw new InvalidInputError({}, notYours);
  const current = await trx
    .selectFrom("documents")
    .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.coalesce(eb.fn.sum<number>("size"), eb.val(0)).as("bytes")])
    .where("record_kind", "=", kind)
    .where("record_id", "=", recordId)
    .where("removed_at", "is", null)
    .executeTakeFirstOrThrow();
  const files = Number(current.n) + changes.fresh.length + staged.length;
  const bytes = Number(current.bytes) + [...changes.fresh, ...staged].reduce((s, f) => s + f.size, 0);
  if (files > spec.maxFiles) throw new InvalidInputError({}, `每条记录最多 ${spec.maxFiles} 个附件，本次保存后将有 ${files} 个。请先移除不需要的附件。`);
  if (bytes > spec.maxBytes) throw new InvalidInputError({}, `每条记录的附件合计不能超过 ${Math.round(spec.maxBytes / 1024 / 1024)} MB，请先移除不需要的附件。`);
  const attach = (slot: string) => ({ record_kind: kind, record_id: recordId, purpose: spec.slots[slot].purpose, confidential: spec.slots[slot].confidential ? 1 : 0, attached_at: at });
  for (const s of changes.staged) {
    await trx.updateTable("documents").set(attach(s.slot)).where("id", "=", s.id).where("record_kind", "is", null).execute();
    await recordAudit(trx, { entity: "document", entityId: s.id, action: "attach", to: `${kind}:${recordId}`, actorId: actor.id });
  }
  for (const f of changes.fresh) {
    const { id } = await trx
      .insertInto("documents")
      .values({ hash: f.hash, size: f.size, mime: f.mime, name: f.name, uploaded_by: actor.id, org_id: actor.orgId, created_at: at, removed_at: null, removed_by: null, ...attach(f.slot) })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { entity: "document", entityId: id, action: "attach", to: `${kind}:${recordId}`, actorId: actor.id });
  }
}

export interface DocumentItem {
  id: number;
  name: string;
  size: number;
  mime: string;
  purpose: string;
  confidential: boolean;
  href: string;
}

export function documentHref(d: { id: number; name: string }): string {
  return `/files/${d.id}/${encodeURIComponent(d.name)}`;
}

function visible(access: Access, confidential: number): boolean {
  return access === "all" || (access === "public" && confidential === 0);
}

/** The files of one record this viewer may download (for the record's page and edit form). */
export async function listDocuments(db: Tx, viewer: CurrentUser | null, kind: DocumentRecordKind, recordId: number, now = clock.now()): Promise<DocumentItem[]> {
  const access = await attachmentKinds[kind].access(db, viewer, recordId, now);
  if (access === "none") return [];
  const rows = await db
    .selectFrom("documents")
    .select(["id", "name", "size", "mime", "purpose", "confidential"])
    .where("record_kind", "=", kind)
    .where("record_id", "=", recordId)
    .where("removed_at", "is", null)
    .orderBy("id")
    .execute();
  return rows
    .filter((d) => visible(access, d.confidential))
    .map((d) => ({ ...d, purpose: d.purpose ?? "", confidential: d.confidential === 1, href: documentHref(d) }));
}

/**
 * One file for download, asked exactly as its record is: forbidden, removed, staged and missing
 * all throw the same NotFoundError. A confidential file's download is written to the audit log.
 */
export async function openDocument(db: DB, viewer: CurrentUser | null, id: number, now = clock.now()) {
  const d = await db.selectFrom("documents").selectAll().where("id", "=", id).where("removed_at", "is", null).executeTakeFirst();
  if (!d || d.record_kind == null || d.record_id == null) throw new NotFoundError();
  const spec = attachmentKinds[d.record_kind];
  if (!visible(await spec.access(db, viewer, d.record_id, now), d.confidential)) throw new NotFoundError();
  const anyone = visible(await spec.access(db, null, d.record_id, now), d.confidential);
  if (d.confidential === 1) await recordAudit(db, { entity: "document", entityId: d.id, action: "download", actorId: viewer?.id ?? null });
  return { id: d.id, hash: d.hash, name: d.name, mime: d.mime, size: d.size, public: anyone };
}

/**
 * Housekeeping (CLI `files:sweep`, or any scheduler): drop staged uploads never saved by `now`
 * minus a day, then blobs no documents row names and unfinished uploads older than that. Blobs
 * newer than the cutoff are left alone: their row may be about to commit.
 */
export async function sweepFiles(db: DB, store: FileStore, now: Date): Promise<{ staged: number; blobs: number; partial: number }> {
  const cutoff = new Date(now.getTime() - 24 * 3600_000);
  const r = await db.deleteFrom("documents").where("record_kind", "is", null).where("created_at", "<", cutoff.toISOString()).executeTakeFirst();
  const referenced = new Set((await db.selectFrom("documents").select("hash").distinct().execute()).map((d) => d.hash));
  let blobs = 0;
  let partial = 0;
  for await (const b of store.list()) {
    if (b.modifiedAt >= cutoff) continue;
    if (b.hash == null) {
      await store.discard(b.key);
      partial++;
    } else if (!referenced.has(b.hash)) {
      await store.remove(b.hash);
      blobs++;
    }
  }
  return { staged: Number(r.numDeletedRows), blobs, partial };
}

/** A kind's file inputs, for its form (components/ui/attachments.tsx). */
export function attachmentSlots(kind: DocumentRecordKind) {
  return Object.entries(attachmentKinds[kind].slots).map(([key, s]) => ({ key, purpose: s.label ?? s.purpose, hint: s.hint }));
}

/** The files of several records of one kind (the bids on a 榜单, its contracts), keyed by record id. */
export async function documentsByRecord(db: Tx, viewer: CurrentUser | null, kind: DocumentRecordKind, ids: number[]): Promise<Record<number, DocumentItem[]>> {
  return Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await listDocuments(db, viewer, kind, id)] as const)));
}
