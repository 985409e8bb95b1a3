/**
 * 科技成果 fixture: the people around results, valid form values, and helpers that create results
 * through the real model functions. Never relies on how many results the demo seed holds: every
 * title made here carries a marker the caller chooses.
 *
 * People (demo accounts from seeds/organizations.ts, plus two added here):
 * - researcher  researcher@demo.test, 科研人员 of the verified 四川信息职业技术学院 (the owner)
 * - scu         scu@demo.test, 科研人员 of 四川大学 (another university)
 * - expert      expert@demo.test, 专家 of 电子科技大学
 * - enterprise  enterprise@demo.test, 企业用户 of the verified 四川海聚环保科技有限公司
 * - e081        e081@demo.test, 企业用户 of the verified 081电子集团
 * - pending     pending@demo.test, 企业用户 of an UNVERIFIED enterprise
 * - bureau      bureau@demo.test
 * - colleague   a second 科研人员 of 四川信息职业技术学院 (added)
 * - unverifiedResearcher  a 科研人员 of the UNVERIFIED 成都示范环境工程研究院（演示） (added)
 */
import type { DB } from "../../db/client.server";
import { createResult, moveResult } from "../../app/models/result/result.server";
import { loadActor, type CurrentUser } from "../../app/models/shared/session.server";
import type { ResultInput } from "../../app/schemas/result";
import { parseResultForm } from "../../app/web/result-form.server";
import { addMember } from "./challenges";
import { ORIGIN, type Browser } from "./http";
import { userIdByEmail } from "./lookups";

export const SCITC = "四川信息职业技术学院";
export const UNVERIFIED_INSTITUTE = "成都示范环境工程研究院（演示）";

export const PEOPLE = {
  researcher: "researcher@demo.test",
  scu: "scu@demo.test",
  expert: "expert@demo.test",
  enterprise: "enterprise@demo.test",
  e081: "e081@demo.test",
  pending: "pending@demo.test",
  bureau: "bureau@demo.test",
  colleague: "scitc-colleague@example.test",
  unverifiedResearcher: "unverified-researcher@example.test",
} as const;
export type Person = keyof typeof PEOPLE;
export type People = Record<Person, CurrentUser>;

/** Add the two extra people (idempotent) and load everyone as the application sees them. */
export async function people(db: DB): Promise<People> {
  await addMember(db, { email: PEOPLE.colleague, name: "信息学院 许老师", role: "researcher", org: SCITC });
  await addMember(db, { email: PEOPLE.unverifiedResearcher, name: "示范研究院 郑老师", role: "researcher", org: UNVERIFIED_INSTITUTE });
  const out = {} as People;
  for (const [k, email] of Object.entries(PEOPLE) as [Person, string][]) out[k] = await loadActor(db, await userIdByEmail(db, email));
  return out;
}

/** Contact markers: searched for in whole loader responses. */
export const CONTACT = { phone: "13987650321", email: "contact-mark-4q7z@scitc.example", name: "马联络" };

export type FormFields = Record<string, string | string[]>;

/** A patent row as typed into the form; a part left out is not posted. */
export interface PatentRow {
  number: string;
  kind?: string;
  status?: string;
}

/** Patent rows as the form posts them: `patents[i].number`, `.kind`, `.status`. */
export function patentFields(rows: PatentRow[]): FormFields {
  const fields: FormFields = {};
  for (const [i, row] of rows.entries()) {
    for (const [part, value] of Object.entries(row)) if (value !== undefined) fields[`patents[${i}].${part}`] = value;
  }
  return fields;
}

/** Fields to change in the fixture; `patents` replaces its two patent rows. */
export type ResultFormOverrides = { patents?: PatentRow[] } & { [field: string]: string | string[] | PatentRow[] | undefined };

/** The result form as a browser posts it (repeated names as arrays). */
export function resultForm({ patents, ...overrides }: ResultFormOverrides = {}): FormFields {
  return {
    title: "低温等离子体废气处理装置",
    abstract: "采用介质阻挡放电产生低温等离子体，处理含 VOCs 工业废气，去除率 90% 以上，能耗低，适用于涂装车间。",
    fieldCode: "08",
    keywords: "等离子体、VOCs、废气处理",
    trl: "6",
    transferModes: ["license", "joint"],
    price: "80",
    team: "信息学院环境电子团队，教授 2 人，博士 4 人。",
    contactName: CONTACT.name,
    contactPhone: CONTACT.phone,
    contactEmail: CONTACT.email,
    ...patentFields(
      patents ?? [
        { number: "ZL201710601862.3", kind: "invention", status: "granted" },
        { number: "ZL202120345678.9", kind: "utility", status: "pending" },
      ],
    ),
    ...(overrides as FormFields),
  };
}

/** A valid ResultInput, as the form parser makes it. */
export function resultInput(overrides: ResultFormOverrides = {}): ResultInput {
  const r = parseResultForm(resultForm(overrides));
  if (!r.ok) throw new Error(`invalid result fixture: ${JSON.stringify(r.errors)}`);
  return r.input;
}

/** Create a result as `by` and take it to `status` through the real model functions. */
export async function makeResult(db: DB, by: CurrentUser, status: "draft" | "published" | "archived" = "draft", overrides: ResultFormOverrides = {}): Promise<number> {
  const id = await createResult(db, by, resultInput(overrides));
  if (status !== "draft") await moveResult(db, by, id, "publish");
  if (status === "archived") await moveResult(db, by, id, "archive");
  return id;
}

/** A form POST with repeated names (checkbox groups, patent rows). */
export function postForm(path: string, fields: FormFields, browser?: Browser, { csrf = true }: { csrf?: boolean } = {}): Request {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) form.append(k, x);
  if (csrf && browser) form.set("csrf", browser.csrf);
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (browser) headers.Cookie = browser.cookie;
  return new Request(ORIGIN + path, { method: "POST", body: form, headers });
}

export async function countRows(db: DB, table: "results" | "result_patents" | "result_interests" | "interest_messages" | "notifications" | "audit_events"): Promise<number> {
  return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);
}

/** Everything a refused request must leave untouched. */
export async function resultSnapshot(db: DB, id: number) {
  return {
    result: await db.selectFrom("results").selectAll().where("id", "=", id).executeTakeFirst(),
    patents: await db.selectFrom("result_patents").select(["number", "kind", "status", "sort"]).where("result_id", "=", id).orderBy("sort").execute(),
    results: await countRows(db, "results"),
    interests: await countRows(db, "result_interests"),
    messages: await countRows(db, "interest_messages"),
    notifications: await countRows(db, "notifications"),
    events: await countRows(db, "audit_events"),
  };
}
