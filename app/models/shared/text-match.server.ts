import { sql, type Expression, type SqlBool } from "kysely";

/**
 * "Does any of these columns contain this text", literally: % and _ typed by a person are matched
 * as themselves. Until the search issue brings a real index, list filters use this one helper.
 */
export function containsAny(columns: string[], text: string): Expression<SqlBool> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`.toLowerCase();
  // SQLite's LIKE ignores ASCII case and PostgreSQL's does not: lower() on both sides gives both engines one meaning.
  return sql<SqlBool>`(${sql.join(columns.map((c) => sql`lower(${sql.ref(c)}) like ${pattern} escape '\\'`), sql` or `)})`;
}
