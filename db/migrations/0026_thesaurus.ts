import { sql, type Kysely } from "kysely";

// The search thesaurus (同义词, issue 17): groups of words a trade uses for one thing (污水/废水).
// A word belongs to one group at most (its primary key), so two groups never pull each other in.
// Frozen in time: the PostgreSQL chain has the same step in db/postgres/0026_thesaurus.ts.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table synonym_groups (
    id integer primary key autoincrement,
    updated_at text not null,
    updated_by integer references users (id)
  )`.execute(db);
  await sql`create table synonyms (
    word text primary key check (length(word) between 1 and 20),
    group_id integer not null references synonym_groups (id) on delete cascade
  )`.execute(db);
  await sql`create index synonyms_group on synonyms (group_id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop table synonyms`.execute(db);
  await sql`drop table synonym_groups`.execute(db);
}
