import type { Kysely } from "kysely";
import type { Database } from "../../../db/schema";
import { InvalidInputError } from "../../utils/errors";

/**
 * 产业领域: the plan's focus industries (专栏2/3, table focus_fields), a second classification beside
 * the national 技术领域. Each maps onto one 技术领域 (field_code), which stands in for an empty 技术领域.
 */
export type Sector = "工业" | "农业" | "民生";
export interface Industry {
  code: string;
  name: string;
  sector: Sector;
  field_code: string;
}

export function listIndustries(db: Kysely<Database>): Promise<Industry[]> {
  return db.selectFrom("focus_fields").select(["code", "name", "sector", "field_code"]).orderBy("sort").execute();
}

/**
 * The 技术领域 and 产业领域 a record is saved with: both checked against the lists (a forged code is a
 * field message); an empty 技术领域 takes the industry's mapped field.
 */
export async function classification(
  db: Kysely<Database>,
  input: { fieldCode?: string | null; industryCode?: string | null },
): Promise<{ field_code: string; industry_code: string | null }> {
  let industry: Pick<Industry, "code" | "field_code"> | undefined;
  if (input.industryCode) {
    industry = await db.selectFrom("focus_fields").select(["code", "field_code"]).where("code", "=", input.industryCode).executeTakeFirst();
    if (!industry) throw new InvalidInputError({ industryCode: ["请从列表中选择产业领域"] });
  }
  const fieldCode = input.fieldCode || industry?.field_code;
  const field = fieldCode ? await db.selectFrom("tech_fields").select("code").where("code", "=", fieldCode).executeTakeFirst() : undefined;
  if (!field) throw new InvalidInputError({ fieldCode: ["请选择技术领域"] });
  return { field_code: field.code, industry_code: industry?.code ?? null };
}

/** The 产业领域's name for a record's page (null when the record carries none). */
export async function industryName(db: Kysely<Database>, code: string | null): Promise<string | null> {
  if (!code) return null;
  const row = await db.selectFrom("focus_fields").select("name").where("code", "=", code).executeTakeFirst();
  return row?.name ?? null;
}
