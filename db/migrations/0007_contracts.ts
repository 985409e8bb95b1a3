import { sql, type Kysely } from "kysely";

// 技术合同认定登记: the register, its revision history, the dashboard rollups kept in step with it,
// the bureau's counting setting and the yearly actuals of the plan's 表1 indicators.
// Frozen in time: later changes go in new migrations.
export async function up(db: Kysely<any>): Promise<void> {
  const party = (side: "seller" | "buyer") => (t: any) =>
    t
      // A seeded organisation, or NULL for an external party; name/code/region are always a snapshot
      // taken at registration, so later edits of the organisation never rewrite a registered contract.
      .addColumn(`${side}_org_id`, "integer", (c: any) => c.references("organizations.id"))
      .addColumn(`${side}_name`, "text", (c: any) => c.notNull())
      .addColumn(`${side}_credit_code`, "text", (c: any) => c.notNull())
      .addColumn(`${side}_region`, "text", (c: any) =>
        c.notNull().check(sql.raw(`${side}_region in ('lizhou','guangyuan_other','sichuan_other','outside')`)),
      )
      .addColumn(`${side}_kind`, "text", (c: any) =>
        c.notNull().check(sql.raw(`${side}_kind in ('enterprise','university','institute','other')`)),
      );

  let contracts = db.schema
    .createTable("contracts")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("reg_no", "text", (c) => c.notNull().unique().check(sql`length(reg_no) = 16 and reg_no not glob '*[^0-9]*'`))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull().check(sql`type in ('development','transfer','license','consulting','service')`))
    .addColumn("subtype", "text", (c) => c.notNull())
    .addColumn("signed_on", "text", (c) => c.notNull())
    .addColumn("registered_on", "text", (c) => c.notNull())
    // The year of 登记日期, stored so the rollups and the ledger filter by an integer.
    .addColumn("reg_year", "integer", (c) => c.notNull())
    .addColumn("valid_from", "text", (c) => c.notNull())
    .addColumn("valid_until", "text", (c) => c.notNull());
  contracts = party("seller")(contracts);
  contracts = party("buyer")(contracts);
  await contracts
    .addColumn("total_fen", "integer", (c) => c.notNull().check(sql`total_fen >= 0`))
    .addColumn("tech_fen", "integer", (c) => c.notNull().check(sql`tech_fen >= 0 and tech_fen <= total_fen`))
    // JSON [{"name": "设备购置", "fen": 1200000}, …]; the items add up to total_fen - tech_fen.
    .addColumn("non_tech_items", "text", (c) => c.notNull().defaultTo("[]"))
    .addColumn("field_code", "text", (c) => c.notNull().references("tech_fields.code"))
    .addColumn("payment", "text", (c) =>
      c.notNull().check(sql`payment in ('lump_sum','installments','royalty','mixed','other')`),
    )
    // Derived from the parties' regions (输出: seller in 利州区, 吸纳: buyer in 利州区).
    .addColumn("flow", "text", (c) => c.notNull().check(sql`flow in ('output','absorb','both','neither')`))
    .addColumn("origin_challenge_id", "integer", (c) => c.references("challenges.id"))
    .addColumn("origin_bid_id", "integer", (c) => c.references("bids.id"))
    .addColumn("origin_result_id", "integer", (c) => c.references("results.id"))
    // Link point for the matchmaking events of issue 7 (their meetings table arrives later, so no
    // foreign key here); the register's own forms leave it unset.
    .addColumn("origin_meeting_id", "integer")
    // Which origin the amount is attributed to on the dashboard: challenge > meeting > result > none.
    .addColumn("origin_kind", "text", (c) => c.notNull().check(sql`origin_kind in ('challenge','meeting','result','none')`))
    .addColumn("status", "text", (c) => c.notNull().check(sql`status in ('registered','amended','cancelled')`))
    .addColumn("cancel_reason", "text")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .addColumn("created_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contracts_year").on("contracts").columns(["reg_year", "registered_on"]).execute();
  await sql`create index contracts_challenge on contracts (origin_challenge_id) where origin_challenge_id is not null`.execute(db);
  await sql`create index contracts_result on contracts (origin_result_id) where origin_result_id is not null`.execute(db);
  await sql`create index contracts_meeting on contracts (origin_meeting_id) where origin_meeting_id is not null`.execute(db);

  await db.schema
    .createTable("contract_revisions")
    .addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
    .addColumn("contract_id", "integer", (c) => c.notNull().references("contracts.id"))
    .addColumn("action", "text", (c) => c.notNull().check(sql`action in ('register','import','amend','cancel')`))
    .addColumn("reason", "text")
    // The whole record as JSON before and after (before is NULL when it was registered).
    .addColumn("before_json", "text")
    .addColumn("after_json", "text", (c) => c.notNull())
    .addColumn("actor_id", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("contract_revisions_contract").on("contract_revisions").columns(["contract_id", "id"]).execute();

  // Dashboard rollups, written in the same transaction as every contract write (never by a job).
  // Cancelled contracts are not in them; amended ones are in them with their current amounts.
  await sql`create table contract_rollup (
    reg_year integer not null, flow text not null, type text not null, field_code text not null,
    seller_kind text not null, origin_kind text not null,
    n integer not null, total_fen integer not null, tech_fen integer not null,
    primary key (reg_year, flow, type, field_code, seller_kind, origin_kind)
  ) without rowid`.execute(db);
  await sql`create table contract_seller_rollup (
    reg_year integer not null, flow text not null, seller_key text not null,
    seller_name text not null, seller_kind text not null,
    n integer not null, total_fen integer not null, tech_fen integer not null,
    primary key (reg_year, flow, seller_key)
  ) without rowid`.execute(db);

  await db.schema
    .createTable("contract_settings")
    .addColumn("id", "integer", (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn("amount_basis", "text", (c) => c.notNull().check(sql`amount_basis in ('tech','total')`))
    // Comma-separated subset of output,absorb,both,neither.
    .addColumn("flows", "text", (c) => c.notNull())
    .addColumn("updated_by", "integer", (c) => c.references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await sql`insert into contract_settings (id, amount_basis, flows, updated_by, updated_at)
    values (1, 'tech', 'output,both', null, '2026-01-01T00:00:00.000Z')`.execute(db);

  await db.schema
    .createTable("indicator_actuals")
    .addColumn("indicator_id", "integer", (c) => c.notNull().references("plan_indicators.id"))
    .addColumn("year", "integer", (c) => c.notNull().check(sql`year between 2000 and 2100`))
    .addColumn("value", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("updated_by", "integer", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("indicator_actuals_pk", ["indicator_id", "year"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["indicator_actuals", "contract_settings", "contract_seller_rollup", "contract_rollup", "contract_revisions", "contracts"]) {
    await db.schema.dropTable(t).execute();
  }
}
