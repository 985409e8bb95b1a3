import type { DB } from "../../../db/client.server";

/** Live figures and reference data for the home page. */
export async function homeOverview(db: DB) {
  const orgCounts = await db
    .selectFrom("organizations")
    .select(["kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "verified")
    .groupBy("kind")
    .execute();
  const byKind = Object.fromEntries(orgCounts.map((r) => [r.kind, Number(r.n)]));
  const { users } = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("users"))
    .where("membership_status", "=", "active")
    .executeTakeFirstOrThrow();
  const indicators = await db.selectFrom("plan_indicators").selectAll().orderBy("id").execute();
  const focus = await db
    .selectFrom("focus_fields")
    .innerJoin("tech_fields", "tech_fields.code", "focus_fields.field_code")
    .select(["focus_fields.name", "focus_fields.sector", "tech_fields.name as field_name"])
    .orderBy("focus_fields.sort")
    .execute();
  return {
    counts: {
      enterprises: byKind.enterprise ?? 0,
      academia: (byKind.university ?? 0) + (byKind.institute ?? 0),
      services: byKind.service ?? 0,
      users: Number(users),
    },
    indicators,
    focus,
  };
}

export async function listTechFields(db: DB) {
  return db.selectFrom("tech_fields").selectAll().orderBy("sort").execute();
}
