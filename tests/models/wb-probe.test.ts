import { test } from "vitest";
import { DEMO_NOW, freshDb } from "../support/db";
import { cast } from "../support/challenges";
import { getWorkbench, workbenchCount } from "../../app/models/workbench.server";
test("probe", async () => {
  const db = await freshDb({ demo: true });
  const c = await cast(db);
  for (const k of ["bureau", "expert", "expert2", "owner", "otherEnt", "bidderA", "bidderB", "researcher"] as const) {
    const w = await getWorkbench(db, c[k], DEMO_NOW);
    console.log(k, w.total, await workbenchCount(db, c[k], DEMO_NOW), JSON.stringify(w.sections.map((s) => [s.kind, s.count, s.unavailable, s.items.map((i) => [i.title, i.n, i.link, i.dueAt, i.note])]), null, 0));
  }
}, 120000);
