import type { Kysely } from "kysely";
import type { DB } from "../../../db/client.server";
import type { Database, OrgKind, OrgStatus, UserRole } from "../../../db/schema";
import { nameKey } from "../../schemas/fields";
import type { OrgFields } from "../../schemas/org";
import { orgKindLabels, roleLabels } from "../../utils/labels";
import { orgKindsForRole } from "./rules";
import { nowIso } from "../../utils/time";
import { syncOrganization } from "../../../search";
import { searchEngine } from "../../utils/search.server";
import { listAuditTrail, recordAudit, attachDocuments, NO_CHANGES, type AttachmentChanges, type CurrentUser, hasOrJoinsOrg, isBureauStaff, isMemberOf, isOrgAdmin, isVerifiedMember, requireBureau } from "../shared";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, isUniqueViolation } from "../../utils/errors";
import { notifyTurn } from "../notice";

export type OrgChoice = { mode: "create"; fields: OrgFields } | { mode: "join"; creditCode: string };

const PAGE_SIZE = 20;

function kindMismatch(role: UserRole, kind: OrgKind, field: string): InvalidInputError {
  const allowed = orgKindsForRole[role].map((k) => orgKindLabels[k]).join("、");
  return new InvalidInputError({ [field]: [`${roleLabels[role]}应属于${allowed}，不能加入${orgKindLabels[kind]}`] });
}

/**
 * Put a user into an organisation inside the caller's transaction: either create it (the user
 * becomes its admin; it starts 未认证) or ask to join an existing one (its admin approves).
 */
export async function attachUserToOrg(
  trx: Kysely<Database>,
  user: { id: number; role: UserRole },
  choice: OrgChoice,
): Promise<void> {
  const now = nowIso();
  if (choice.mode === "create") {
    const f = choice.fields;
    if (!orgKindsForRole[user.role].includes(f.orgKind)) throw kindMismatch(user.role, f.orgKind, "orgKind");
    const key = nameKey(f.orgName);
    const clash = await trx
      .selectFrom("organizations")
      .select(["name", "credit_code"])
      .where((eb) => eb.or([eb("name_key", "=", key), eb("credit_code", "=", f.creditCode)]))
      .executeTakeFirst();
    if (clash) {
      throw new InvalidInputError(
        clash.credit_code === f.creditCode
          ? { creditCode: ["该统一社会信用代码已在平台登记。如是贵单位，请选择“加入已有机构”。"] }
          : { orgName: ["已有同名机构在平台登记。如是贵单位，请选择“加入已有机构”。"] },
      );
    }
    const org = await trx
      .insertInto("organizations")
      .values({
        ...profileColumns(f),
        kind: f.orgKind,
        review_note: null,
        reviewed_at: null,
        reviewed_by: null,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .updateTable("users")
      .set({ org_id: org.id, org_role: "admin", membership_status: "active", membership_note: null })
      .where("id", "=", user.id)
      .execute();
    await recordAudit(trx, { entity: "organization", entityId: org.id, action: "create", to: "unverified", actorId: user.id });
    await notifyTurn(trx, "org.registered", { actorId: user.id, name: f.orgName });
    return;
  }

  const org = await trx
    .selectFrom("organizations")
    .select(["id", "kind"])
    .where("credit_code", "=", choice.creditCode)
    .executeTakeFirst();
  if (!org) {
    throw new InvalidInputError({ joinCreditCode: ["平台上没有这个统一社会信用代码对应的机构，请核对，或选择“新建机构”。"] });
  }
  if (!orgKindsForRole[user.role].includes(org.kind)) throw kindMismatch(user.role, org.kind, "joinCreditCode");
  await trx
    .updateTable("users")
    .set({ org_id: org.id, org_role: "member", membership_status: "pending", membership_note: null })
    .where("id", "=", user.id)
    .execute();
  await recordAudit(trx, { entity: "user", entityId: user.id, action: "join_request", to: "pending", actorId: user.id });
}

/** For a signed-in user without an organisation (new, or whose request was declined). */
export async function chooseOrgForUser(db: DB, user: CurrentUser, choice: OrgChoice): Promise<void> {
  if (hasOrJoinsOrg(user)) {
    throw new ConflictError("您已加入或正在申请加入一个机构。");
  }
  try {
    await db.transaction().execute((trx) => attachUserToOrg(trx, user, choice));
  } catch (e) {
    if (isUniqueViolation(e)) throw new ConflictError("该机构刚刚已被登记，请选择“加入已有机构”。");
    throw e;
  }
}

/** Who may see an organisation's page, and which parts. Unverified orgs are private to members and the bureau. */
export async function getOrgPage(db: DB, orgId: number, viewer: CurrentUser | null) {
  const org = await db.selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirst();
  if (!org) throw new NotFoundError();
  const isMember = isMemberOf(viewer, org.id);
  const isBureau = isBureauStaff(viewer);
  if (org.status !== "verified" && !isMember && !isBureau) throw new NotFoundError();
  const showContact = isMember || isBureau || isVerifiedMember(viewer);
  const isAdmin = isOrgAdmin(viewer, org.id);

  const members =
    isMember || isBureau
      ? await db
          .selectFrom("users")
          .select(["id", "name", "role", "org_role", "membership_status", "created_at"])
          .where("org_id", "=", org.id)
          .where("membership_status", "in", isAdmin ? ["active", "pending"] : ["active"])
          .orderBy("membership_status", "desc")
          .orderBy("id")
          .execute()
      : [];
  const history = isMember || isBureau ? await listAuditTrail(db, "organization", org.id) : [];

  return {
    org: {
      id: org.id,
      name: org.name,
      kind: org.kind,
      credit_code: org.credit_code,
      region: org.region,
      address: org.address,
      intro: org.intro,
      status: org.status,
      review_note: isMember || isBureau ? org.review_note : null,
      reviewed_at: org.reviewed_at,
      is_demo: org.is_demo === 1,
      created_at: org.created_at,
      contact: showContact
        ? { name: org.contact_name, phone: org.contact_phone, email: org.contact_email }
        : null,
    },
    isMember,
    isAdmin,
    members,
    history,
  };
}

/** The columns an organisation's own form writes, on registration and on every edit. */
function profileColumns(f: Omit<OrgFields, "orgKind">) {
  return {
    name: f.orgName,
    name_key: nameKey(f.orgName),
    credit_code: f.creditCode,
    region: f.region,
    address: f.address,
    intro: f.intro,
    contact_name: f.contactName,
    contact_phone: f.contactPhone,
    contact_email: f.contactEmail,
  };
}

/** The org admin edits the profile. Changing a verified org's name or code sends it back for verification. */
export async function updateOrg(db: DB, user: CurrentUser, orgId: number, f: Omit<OrgFields, "orgKind">, files: AttachmentChanges = NO_CHANGES): Promise<void> {
  if (!isOrgAdmin(user, orgId)) throw new NotFoundError();
  await db.transaction().execute(async (trx) => {
    const org = await trx.selectFrom("organizations").selectAll().where("id", "=", orgId).executeTakeFirstOrThrow();
    // Compared by key: normalising an old name (full-width brackets, say) is not a new identity.
    const key = nameKey(f.orgName);
    const identityChanged = org.name_key !== key || org.credit_code !== f.creditCode;
    const nextStatus: OrgStatus =
      org.kind === "bureau" ? org.status : org.status === "rejected" || identityChanged ? "unverified" : org.status;
    try {
      await trx
        .updateTable("organizations")
        .set({
          ...profileColumns(f),
          status: nextStatus,
          updated_at: nowIso(),
        })
        .where("id", "=", orgId)
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw (e as Error).message.includes("credit_code")
          ? new InvalidInputError({ creditCode: ["该统一社会信用代码已被平台上的其他机构使用"] })
          : new InvalidInputError({ orgName: ["已有同名机构在平台登记"] });
      }
      throw e;
    }
    await syncOrganization(trx, orgId);
    await recordAudit(trx, {
      entity: "organization",
      entityId: orgId,
      action: nextStatus !== org.status ? "resubmit" : "update",
      from: org.status,
      to: nextStatus,
      actorId: user.id,
    });
    await attachDocuments(trx, user, "org", orgId, files);
    if (nextStatus === "unverified" && org.status !== "unverified") await notifyTurn(trx, "org.registered", { actorId: user.id, name: f.orgName, resubmitted: true });
  });
}

/** The bureau's verification queue, newest first, paginated. */
export async function listOrgsForReview(db: DB, status: OrgStatus, page: number) {
  const base = db.selectFrom("organizations").where("status", "=", status).where("kind", "!=", "bureau");
  const { count } = await base.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  const rows = await base
    .select((eb) => [
      "id",
      "name",
      "kind",
      "credit_code",
      "region",
      "contact_name",
      "contact_phone",
      "review_note",
      "is_demo",
      "created_at",
      "updated_at",
      eb
        .selectFrom("users")
        .select((u) => u.fn.countAll<number>().as("n"))
        .whereRef("users.org_id", "=", "organizations.id")
        .where("users.membership_status", "=", "active")
        .as("member_count"),
    ])
    .orderBy(status === "unverified" ? "updated_at" : "reviewed_at", status === "unverified" ? "asc" : "desc")
    .orderBy("id")
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .execute();
  return { rows, total: Number(count), page, pageSize: PAGE_SIZE };
}

export async function countOrgsByStatus(db: DB): Promise<Record<OrgStatus, number>> {
  const rows = await db
    .selectFrom("organizations")
    .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
    .where("kind", "!=", "bureau")
    .groupBy("status")
    .execute();
  const out: Record<OrgStatus, number> = { unverified: 0, verified: 0, rejected: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/**
 * 认证 or 驳回 an organisation. Only from 待认证: a second officer acting on the same row at the
 * same moment finds it already decided and gets a clear message instead of overwriting.
 */
export async function reviewOrg(
  db: DB,
  officer: CurrentUser,
  orgId: number,
  decision: { verify: true } | { verify: false; reason: string },
): Promise<void> {
  requireBureau(officer);
  await db.transaction().execute(async (trx) => {
    const org = await trx
      .selectFrom("organizations")
      .select(["id", "status", "kind"])
      .where("id", "=", orgId)
      .where("kind", "!=", "bureau")
      .executeTakeFirst();
    if (!org) throw new NotFoundError("没有找到该机构。");
    const to: OrgStatus = decision.verify ? "verified" : "rejected";
    const reason = decision.verify ? null : decision.reason;
    const r = await trx
      .updateTable("organizations")
      .set({ status: to, review_note: reason, reviewed_at: nowIso(), reviewed_by: officer.id })
      .where("id", "=", orgId)
      .where("status", "=", "unverified")
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) {
      throw new ConflictError("该机构已被处理过（可能是其他工作人员刚刚操作），请刷新查看最新状态。");
    }
    await syncOrganization(trx, orgId);
    await notifyTurn(trx, decision.verify ? "org.verified" : "org.rejected", { actorId: officer.id, orgId, reason });
    await recordAudit(trx, {
      entity: "organization",
      entityId: orgId,
      action: decision.verify ? "verify" : "reject",
      from: org.status,
      to,
      reason,
      actorId: officer.id,
    });
  });
}

/** The org admin approves or declines a pending member. A user of another org matches nothing: 404. */
export async function decideMembership(
  db: DB,
  admin: CurrentUser,
  userId: number,
  decision: { approve: true } | { approve: false; reason: string | null },
): Promise<void> {
  if (admin.orgId == null || !isOrgAdmin(admin, admin.orgId)) throw new ForbiddenError();
  await db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable("users")
      .set(
        decision.approve
          ? { membership_status: "active", membership_note: null }
          : { membership_status: "rejected", membership_note: decision.reason, org_id: null, org_role: null },
      )
      .where("id", "=", userId)
      .where("org_id", "=", admin.orgId)
      .where("membership_status", "=", "pending")
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new NotFoundError("没有找到这条待审核的加入申请，可能已被处理。");
    await searchEngine().sync(trx, "expert", userId);
    await recordAudit(trx, {
      entity: "user",
      entityId: userId,
      action: decision.approve ? "join_approve" : "join_reject",
      from: "pending",
      to: decision.approve ? "active" : "rejected",
      reason: decision.approve ? null : decision.reason,
      actorId: admin.id,
    });
  });
}
