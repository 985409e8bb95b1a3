import { sql } from "kysely";
import type { DB } from "../db/client.server";
import { applyAsExpert, decideExpert, saveProfile } from "../app/models/account/profile.server";
import { createResult, markInterest, moveResult, replyToInterest } from "../app/models/result/result.server";
import type { CurrentUser } from "../app/models/shared/session.server";
import { interestSchema, profileSchema } from "../app/schemas/result";
import { parseResultForm } from "../app/web/result-form.server";
import { seedChallenges } from "./challenges";
import { CONTACTS, answers, patentsOf, seedInterests, seedProfiles, seedResults, type SeedResult } from "./results";
import { actorByEmail, parseSeed } from "./actors";

/** Catch typos in the data before anything is written. */
function checkData(): void {
  const titles = new Set<string>();
  const numbers = new Set<string>();
  for (const r of seedResults) {
    if (titles.has(r.title)) throw new Error(`重复的成果标题：${r.title}`);
    titles.add(r.title);
    for (const p of r.patents ?? []) {
      if (numbers.has(p.number)) throw new Error(`重复的专利号：${p.number}`);
      numbers.add(p.number);
    }
  }
  const challenges = new Set(seedChallenges.map((c) => c.title));
  for (const c of Object.keys(answers)) if (!challenges.has(c)) throw new Error(`answers 引用了不存在的榜单：${c}`);
  for (const i of seedInterests) if (!titles.has(i.result)) throw new Error(`意向引用了不存在的成果：${i.result}`);
}

/** The form a researcher would submit; it goes through the same parser as the route's. */
function asForm(r: SeedResult) {
  const contact = r.contact ?? CONTACTS[r.author];
  const parsed = parseResultForm({
    title: r.title,
    abstract: r.abstract,
    fieldCode: r.field,
    industryCode: r.industry ?? "",
    keywords: r.keywords.join("、"),
    trl: String(r.trl),
    transferModes: r.modes,
    price: r.price == null ? "" : String(r.price),
    team: r.team,
    contactName: contact.name,
    contactPhone: contact.phone,
    contactEmail: r.author,
    // Each patent as the form's rows post it: patents[i].number/.kind/.status.
    ...Object.fromEntries((r.patents ?? []).flatMap((p, i) => Object.entries(p).map(([part, value]) => [`patents[${i}].${part}`, value]))),
  });
  if (!parsed.ok) throw new Error(`演示成果“${r.title}”未通过校验：${JSON.stringify(parsed.errors)}`);
  return parsed.input;
}

/**
 * Profiles, results (draft → published → archived), enterprises' interest threads, and the expert
 * library queue, each through the model functions the pages use.
 */
export async function seedResultDemo(db: DB): Promise<number> {
  checkData();
  // Roles do not change until the expert library step at the end, so actors can be reused until then.
  const actors = new Map<string, Promise<CurrentUser>>();
  const actor = (email: string) => {
    if (!actors.has(email)) actors.set(email, actorByEmail(db, email));
    return actors.get(email)!;
  };

  for (const p of seedProfiles) {
    const user = await actor(p.email);
    const input = parseSeed(
      profileSchema,
      {
        title: p.title,
        fieldCodes: p.fields,
        keywords: p.keywords.join("、"),
        bio: p.bio,
        achievements: p.achievements,
        patents: patentsOf(p.email) ?? "",
        contactPhone: p.phone,
        contactEmail: p.email,
      },
      `演示画像 ${p.email} `,
    );
    await saveProfile(db, user, input);
  }

  const ids = new Map<string, number>();
  for (const r of seedResults) {
    const author = await actor(r.author);
    const id = await createResult(db, author, asForm(r));
    ids.set(r.title, id);
    if (r.target === "draft") continue;
    await moveResult(db, author, id, "publish");
    if (r.target === "archived") await moveResult(db, author, id, "archive");
  }

  for (const i of seedInterests) {
    const { message } = parseSeed(interestSchema, { message: i.message }, `演示意向留言“${i.message}”`);
    const resultId = ids.get(i.result)!;
    const interestId = await markInterest(db, await actor(i.by), resultId, message);
    for (const reply of i.replies ?? []) await replyToInterest(db, await actor(reply.by), resultId, interestId, reply.body);
  }

  // The expert library: accounts seeded as 专家 are already in it (their profiles say so); one
  // researcher (西南交大 郑教授) applies and is approved; the others wait in the bureau's queue.
  const bureau = await actorByEmail(db, "bureau@demo.test");
  for (const p of seedProfiles.filter((x) => x.expert)) {
    const user = await actorByEmail(db, p.email);
    if (user.role === "expert") {
      await db.updateTable("researcher_profiles").set({ expert_status: "approved" }).where("user_id", "=", user.id).execute();
      continue;
    }
    await applyAsExpert(db, user);
    if (p.expert === "approved") await decideExpert(db, bureau, user.id, true, "研究方向与全区重点产业契合，同意入库。");
  }

  // As with the challenges: notices created while seeding are history, not news.
  await db.updateTable("notifications").set({ read_at: sql`created_at` }).where("read_at", "is", null).execute();
  return seedResults.length;
}
