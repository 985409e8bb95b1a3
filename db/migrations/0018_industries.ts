import { sql, type Kysely } from "kysely";

// The plan's focus industries (专栏2/3, table focus_fields) become a second classification, 产业领域,
// beside the national 技术领域: each gets a stable code, and 榜单, 科技成果, technology contracts and
// search documents may carry one. The rollup gains the dimension ('' = 未标注, so the primary key
// still merges rows: SQLite's unique keys treat NULLs as distinct). Frozen in time.
const CODES: [name: string, code: string][] = [
  ["电子信息", "GY01"],
  ["机械及装备制造", "GY02"],
  ["核废料、医用废料处理", "GY03"],
  ["食品饮料", "GY04"],
  ["新材料", "GY05"],
  ["生物医药", "GY06"],
  ["数字乡村", "NY01"],
  ["茶树品种", "NY02"],
  ["生态渔业", "NY03"],
  ["蔬菜与泡菜", "NY04"],
  ["绿色农产品", "NY05"],
  ["农业装备", "NY06"],
  ["智慧康养", "MS01"],
  ["生态环境", "MS02"],
  ["中药材", "MS03"],
];

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table focus_fields add column code text`.execute(db);
  for (const [name, code] of CODES) await sql`update focus_fields set code = ${code} where name = ${name}`.execute(db);
  await sql`create unique index focus_fields_code on focus_fields (code)`.execute(db);

  for (const table of ["challenges", "results", "contracts"]) {
    await sql`alter table ${sql.table(table)} add column industry_code text references focus_fields (code)`.execute(db);
    await sql`create index ${sql.id(`${table}_industry`)} on ${sql.table(table)} (industry_code)`.execute(db);
  }
  await sql`alter table search_docs add column industry_code text`.execute(db);

  await sql`drop table contract_rollup`.execute(db);
  await sql`create table contract_rollup (
    reg_year integer not null, flow text not null, type text not null, field_code text not null,
    industry_code text not null, seller_kind text not null, origin_kind text not null,
    n integer not null, total_fen integer not null, tech_fen integer not null,
    primary key (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind)
  ) without rowid`.execute(db);
  await sql`insert into contract_rollup (reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind, n, total_fen, tech_fen)
    select reg_year, flow, type, field_code, coalesce(industry_code, ''), seller_kind, origin_kind, count(*), sum(total_fen), sum(tech_fen)
    from contracts where status <> 'cancelled' group by 1, 2, 3, 4, 5, 6, 7`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table contract_rollup`.execute(db);
  await sql`create table contract_rollup (
    reg_year integer not null, flow text not null, type text not null, field_code text not null,
    seller_kind text not null, origin_kind text not null,
    n integer not null, total_fen integer not null, tech_fen integer not null,
    primary key (reg_year, flow, type, field_code, seller_kind, origin_kind)
  ) without rowid`.execute(db);
  await sql`insert into contract_rollup (reg_year, flow, type, field_code, seller_kind, origin_kind, n, total_fen, tech_fen)
    select reg_year, flow, type, field_code, seller_kind, origin_kind, count(*), sum(total_fen), sum(tech_fen)
    from contracts where status <> 'cancelled' group by 1, 2, 3, 4, 5, 6`.execute(db);
  await sql`alter table search_docs drop column industry_code`.execute(db);
  for (const table of ["challenges", "results", "contracts"]) {
    await sql`drop index ${sql.id(`${table}_industry`)}`.execute(db);
    await sql`alter table ${sql.table(table)} drop column industry_code`.execute(db);
  }
  await sql`drop index focus_fields_code`.execute(db);
  await sql`alter table focus_fields drop column code`.execute(db);
}
