import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { nowIso } from "../../utils/time";

export interface AuditInput {
  entity: string;
  entityId: number;
  action: string;
  from?: string | null;
  to?: string | null;
  reason?: string | null;
  /** An amount in 分 belongs here, never in `reason`: its readers are not the reason's readers. */
  amountFen?: number | null;
  actorId: number | null;
}

/** Record a transition inside the caller's transaction, so the change and its history agree. */
export async function recordAudit(trx: Kysely<Database>, e: AuditInput): Promise<void> {
  await trx
    .insertInto("audit_events")
    .values({
      entity: e.entity,
      entity_id: e.entityId,
      action: e.action,
      from_state: e.from ?? null,
      to_state: e.to ?? null,
      reason: e.reason ?? null,
      amount_fen: e.amountFen ?? null,
      actor_id: e.actorId,
      created_at: nowIso(),
    })
    .execute();
}

export async function listAuditTrail(db: Kysely<Database>, entity: string, entityId: number) {
  return db
    .selectFrom("audit_events")
    .leftJoin("users", "users.id", "audit_events.actor_id")
    .select([
      "audit_events.id",
      "audit_events.action",
      "audit_events.from_state",
      "audit_events.to_state",
      "audit_events.reason",
      "audit_events.amount_fen",
      "audit_events.created_at",
      "users.name as actor_name",
    ])
    .where("audit_events.entity", "=", entity)
    .where("audit_events.entity_id", "=", entityId)
    .orderBy("audit_events.id", "desc")
    .execute();
}
