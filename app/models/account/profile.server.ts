import { sql } from "kysely";
import type { DB } from "../../../db/client.server";
import type { ProfileInput } from "../../schemas/result";
import { nowIso } from "../../utils/time";
import { searchEngine } from "../../utils/search.server";
import { recordAudit, containsAny, type CurrentUser, isBureauStaff, isResearcher, isVerifiedMember, requireBureau } from "../shared";
import { ConflictError, ForbiddenError, NotFoundError } from "../../utils/errors";
import { notifyTurn } from "../notice";

const PAGE_SIZE = 20;

/** Researchers and experts keep a public profile. */
export const hasProfileRole = (user: CurrentUser): boolean => isResearcher(user);

export async function getOwnProfile(db: DB, user: CurrentUser) {
  return (await db.selectFrom("researcher_profiles").selectAll().where("user_id", "=", user.id).executeTakeFirst()) ?? null;
}

export async function saveProfile(db: DB, user: CurrentUser, input: ProfileInput): Promise<void> {
  if (!hasProfileRole(user)) throw new ForbiddenError("专家画像供科研人员和专家填写。");
  const row = {
    title: input.title,
    field_codes: input.fieldCodes.join(","),
    keywords: input.keywords.join("、"),
    bio: input.bio,
    achievements: input.achievements,
    patents: input.patents,
    contact_phone: input.contactPhone,
    contact_email: input.contactEmail,
    updated_at: nowIso(),
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("researcher_profiles")
      .values({ user_id: user.id, ...row, expert_note: null })
      .onConflict((oc) => oc.column("user_id").doUpdateSet(row))
      .execute();
    await searchEngine().sync(trx, "expert", user.id);
  });
}

/** A researcher offers to serve as an expert; the bureau decides. */
export async function applyAsExpert(db: DB, user: CurrentUser): Promise<void> {
  if (user.role === "expert") throw new ConflictError("您已是专家库成员。");
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("researcher_profiles")
      .set({ expert_status: "applied", expert_note: null, updated_at: nowIso() })
      .where("user_id", "=", user.id)
      .where("expert_status", "in", ["none", "rejected"])
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("请先完善专家画像；如已申请，请等待区科技局审核。");
    // The profile's date moved, and the search document carries it.
    await searchEngine().sync(trx, "expert", user.id);
    await notifyTurn(trx, "expert.applied", { actorId: user.id, name: user.name });
  });
}

/**
 * The bureau approves (the person becomes a 专家 and can be assigned to reviews) or declines an
 * application. Only a pending application can be decided: a second officer gets a clear message.
 */
export async function decideExpert(db: DB, officer: CurrentUser, userId: number, approve: boolean, note: string | null): Promise<void> {
  requireBureau(officer);
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("researcher_profiles")
      .set({ expert_status: approve ? "approved" : "rejected", expert_note: note, updated_at: nowIso() })
      .where("user_id", "=", userId)
      .where("expert_status", "=", "applied")
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new ConflictError("该申请已被处理或已撤回，请刷新页面。");
    if (approve) await trx.updateTable("users").set({ role: "expert" }).where("id", "=", userId).execute();
    await searchEngine().sync(trx, "expert", userId);
    await recordAudit(trx, { entity: "user", entityId: userId, action: approve ? "expert_approve" : "expert_reject", from: "applied", to: approve ? "approved" : "rejected", reason: note, actorId: officer.id });
    await notifyTurn(trx, approve ? "expert.approved" : "expert.rejected", { actorId: officer.id, userId, reason: note });
  });
}

export async function listExpertApplications(db: DB) {
  return db
    .selectFrom("researcher_profiles")
    .innerJoin("users", "users.id", "researcher_profiles.user_id")
    .leftJoin("organizations", "organizations.id", "users.org_id")
    .select(["users.id", "users.name", "organizations.name as org_name", "researcher_profiles.title", "researcher_profiles.keywords", "researcher_profiles.updated_at"])
    .where("researcher_profiles.expert_status", "=", "applied")
    .orderBy("researcher_profiles.updated_at")
    .execute();
}

/** `/experts`: public profiles (never contact details), optionally by field or keyword. */
export async function listProfiles(db: DB, f: { field?: string; q?: string; expertsOnly?: boolean }, page: number) {
  let q = db
    .selectFrom("researcher_profiles")
    .innerJoin("users", "users.id", "researcher_profiles.user_id")
    .innerJoin("organizations", "organizations.id", "users.org_id")
    .where("users.membership_status", "=", "active")
    .where("organizations.status", "=", "verified");
  if (f.field) q = q.where(sql<boolean>`(',' || researcher_profiles.field_codes || ',') like ${`%,${f.field},%`}`);
  if (f.expertsOnly) q = q.where("users.role", "=", "expert");
  if (f.q) {
    q = q.where(containsAny(["users.name", "researcher_profiles.keywords", "organizations.name"], f.q));
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await q
    .select(["users.id", "users.name", "users.role", "organizations.name as org_name", "researcher_profiles.title", "researcher_profiles.field_codes", "researcher_profiles.keywords"])
    .orderBy("users.name")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(n), page, pageSize: PAGE_SIZE };
}

/** A public profile page; contact details only for verified users, the bureau and the person. */
export async function getProfilePage(db: DB, viewer: CurrentUser | null, userId: number) {
  const p = await db
    .selectFrom("researcher_profiles")
    .innerJoin("users", "users.id", "researcher_profiles.user_id")
    .innerJoin("organizations", "organizations.id", "users.org_id")
    .select([
      "users.id",
      "users.name",
      "users.role",
      "organizations.id as org_id",
      "organizations.name as org_name",
      "organizations.status as org_status",
      "users.membership_status",
      "researcher_profiles.title",
      "researcher_profiles.field_codes",
      "researcher_profiles.keywords",
      "researcher_profiles.bio",
      "researcher_profiles.achievements",
      "researcher_profiles.patents",
      "researcher_profiles.contact_phone",
      "researcher_profiles.contact_email",
      "researcher_profiles.expert_status",
    ])
    .where("users.id", "=", userId)
    .executeTakeFirst();
  const self = viewer?.id === userId;
  if (!p || (!self && (p.membership_status !== "active" || p.org_status !== "verified"))) throw new NotFoundError();
  const fields = await db.selectFrom("tech_fields").select(["code", "name"]).where("code", "in", p.field_codes.split(",")).execute();
  const results = await db
    .selectFrom("results")
    .select(["id", "title", "trl"])
    .where("created_by", "=", userId)
    .where("status", "=", "published")
    .orderBy("published_at", "desc")
    .execute();
  const showContact = self || isBureauStaff(viewer) || isVerifiedMember(viewer);
  const { contact_phone, contact_email, expert_status, ...rest } = p;
  return {
    profile: {
      ...rest,
      // An application (pending or turned down) is between the person and the bureau; the public
      // sees only membership of the pool, which the role already says.
      expert_status: self || isBureauStaff(viewer) ? expert_status : null,
      fields: fields.map((f) => f.name),
      keywords: p.keywords.split("、"),
    },
    contact: showContact ? { phone: contact_phone, email: contact_email } : null,
    results,
  };
}

