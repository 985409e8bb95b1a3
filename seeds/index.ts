import type { DB } from "../db/client.server";
import { hashPassword } from "../app/models/account/password.server";
import { nameKey } from "../app/schemas/fields";
import { DEMO_PASSWORD, demoCreditCode, seedOrgs, seedUsers } from "./organizations";
import { focusFields, planIndicators, techFields, thesaurus } from "./reference";
import { seedChallengeDemo } from "./drive-challenges";
import { seedResultDemo } from "./drive-results";
import { seedContractDemo } from "./contracts";
import { seedEventDemo } from "./drive-events";
import { beijingDate, beijingInstant, DAY_MS } from "../app/utils/time";
import { publishPublicSnapshot } from "../app/models/contract/public-snapshot.server";
import { runReminders } from "../app/models/notice/reminders.server";
import { loadActor } from "../app/models/shared/session.server";

/**
 * Organisations and accounts date from 09:00 北京时间 some 300 days before the day of seeding:
 * the same `now` gives the same rows (only password hashes carry fresh salt).
 */
function accountClock(now: Date): (minutes: number) => string {
  const base = Date.parse(beijingInstant(beijingDate(new Date(now.getTime() - 300 * DAY_MS)), 9 * 60));
  return (minutes) => new Date(base + minutes * 60_000).toISOString();
}

/**
 * Reference data every database needs (taxonomy, plan targets, the search thesaurus); safe to run
 * again. The thesaurus is written only into an empty one: the bureau's edits stay.
 */
export async function seedReference(db: DB, now = new Date()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom("synonyms").select("word").limit(1).executeTakeFirst())) {
      for (const words of thesaurus) {
        const group = await trx.insertInto("synonym_groups").values({ updated_at: now.toISOString(), updated_by: null }).returning("id").executeTakeFirstOrThrow();
        await trx.insertInto("synonyms").values(words.map((word) => ({ word, group_id: group.id }))).execute();
      }
    }
    for (const [i, [code, name]] of techFields.entries()) {
      await trx.insertInto("tech_fields").values({ code, name, sort: i }).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const [i, f] of focusFields.entries()) {
      await trx
        .insertInto("focus_fields")
        .values({ code: f.code, name: f.name, sector: f.sector, field_code: f.field, sort: i })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    for (const p of planIndicators) {
      await trx
        .insertInto("plan_indicators")
        .values({ ...p, nature: "预期性", doubling: p.doubling ? 1 : 0 })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  });
}

/**
 * Demo data drawn from the plan, only into an empty database, as of `now`: contracts from the
 * plan's base year up to now's year, 榜单 and 对接会 dated around now.
 */
export async function seedDemo(db: DB, now: Date): Promise<{ organizations: number; users: number; challenges: number; results: number; contracts: number; events: number }> {
  const base = await seedAccounts(db, accountClock(now));
  const challenges = await seedChallengeDemo(db, now);
  const results = await seedResultDemo(db);
  const contracts = await seedContractDemo(db, now);
  const events = await seedEventDemo(db, now);
  // The public dashboard shows only published figures: the bureau publishes once, as on launch day.
  const bureau = await db.selectFrom("users").select("id").where("role", "=", "bureau").orderBy("id").executeTakeFirstOrThrow();
  await publishPublicSnapshot(db, await loadActor(db, bureau.id), now);
  // The scheduler's first run as of `now`: the demo inboxes hold the reminders due (揭榜截止, 评审, 回访).
  await runReminders(db, now);
  // The demo's history is made up: its notices stay on the site, but none of them is news to mail.
  await db.deleteFrom("mail_outbox").execute();
  return { ...base, challenges, results, contracts, events };
}

async function seedAccounts(db: DB, at: (minutes: number) => string): Promise<{ organizations: number; users: number }> {
  const hash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const ids = new Map<string, number>();
    for (const [i, o] of seedOrgs.entries()) {
      const row = await trx
        .insertInto("organizations")
        .values({
          name: o.name,
          name_key: nameKey(o.name),
          kind: o.kind,
          credit_code: demoCreditCode(o.prefix, o.division, i + 1),
          region: o.region,
          address: null,
          intro: o.intro,
          contact_name: o.contact,
          contact_phone: `0839-33${String(i + 1).padStart(5, "0")}`,
          contact_email: null,
          status: o.status,
          review_note: o.rejectReason ?? null,
          reviewed_at: o.status === "unverified" ? null : at(i + 60),
          reviewed_by: null,
          is_demo: 1,
          created_at: at(i),
          updated_at: at(i),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      ids.set(o.key, row.id);
    }
    for (const [i, u] of seedUsers.entries()) {
      await trx
        .insertInto("users")
        .values({
          name: u.name,
          email: u.email,
          mobile: null,
          password_hash: hash,
          role: u.role,
          org_id: ids.get(u.org)!,
          org_role: u.orgRole,
          membership_status: "active",
          membership_note: null,
          is_demo: 1,
          created_at: at(100 + i),
          // Demo accounts count as verified (Decision 44): they receive notice mail.
          email_verified_at: at(100 + i),
        })
        .execute();
    }
    return { organizations: seedOrgs.length, users: seedUsers.length };
  });
}

export async function isEmpty(db: DB): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  return row == null;
}
