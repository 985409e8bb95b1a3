import { randomUUID } from "node:crypto";
import { expect, request as http, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { bidForm, challengeInput, driveTo } from "../support/challenges";
import { contractForm } from "../support/contracts";
import { indexAgainstRebuild, letEnd, rows, unique, withDb } from "./support";

/**
 * Issue 16's write load, through the site's HTTP: in `npm test`'s PostgreSQL run the requests go
 * through the round-robin proxy to two server processes on one database, so every "at once" below
 * is two processes (and a connection pool each) racing; on SQLite it is one process. Afterwards
 * the invariants are read in the database: one bid per organisation, one winner per 榜单, the
 * rollups equal to the ledger, the search index equal to a rebuild.
 */

/** Research accounts; colleagues of one organisation (信息学院, 川大, 省农科院) race for its one bid. */
const BIDDERS = [
  "researcher@demo.test", "scitc2@demo.test", "scu@demo.test", "scu2@demo.test", "saas@demo.test", "saas2@demo.test",
  "swjtu@demo.test", "swust@demo.test", "cib@demo.test", "cbys@demo.test", "zhonghe@demo.test", "uestc@demo.test",
];

test.describe.configure({ timeout: 180_000 });

/** A signed-in client of its own (cookies and all), as one person's browser. */
async function signedIn(baseURL: string, email: string): Promise<APIRequestContext> {
  const client = await http.newContext({ baseURL, extraHTTPHeaders: { Origin: new URL(baseURL).origin } });
  const res = await post(client, "/login", "/login", { account: email, password: "Lizhou2026" });
  expect(res.status(), `${email} 登录`).toBe(302);
  return client;
}

/** The CSRF token of the form on `page`, as the browser would send it. */
async function csrf(client: APIRequestContext, page: string): Promise<string> {
  const html = await (await client.get(page)).text();
  const token = html.match(/name="csrf" value="([^"]+)"/)?.[1];
  if (!token) throw new Error(`no CSRF token on ${page}`);
  return token;
}

async function post(client: APIRequestContext, page: string, action: string, form: Record<string, string>, { multipart = false } = {}): Promise<APIResponse> {
  const fields = { csrf: await csrf(client, page), ...form };
  return client.post(action, { ...(multipart ? { multipart: fields } : { form: fields }), maxRedirects: 0 });
}

/** Each answer is a success (302) or a refusal a person can read (4xx with a Chinese message): never a 5xx. */
async function expectNoServerError(answers: APIResponse[]) {
  for (const a of answers) {
    expect(a.status(), await a.text()).toBeLessThan(500);
    if (a.status() >= 400) expect(await a.text()).toMatch(/[\u4e00-\u9fff]/);
  }
}

test("two server processes under a write load keep every invariant: one bid per organisation, one winner, rollups, index", async ({ baseURL }) => {
  const title = `并发揭榜压力测试 ${unique()}`;
  const { id } = await withDb((db) => driveTo(db, "published", challengeInput({ title })));
  const bidders = await Promise.all(BIDDERS.map((email) => signedIn(baseURL!, email)));

  // Every account submits its bid three times at once (a double click, and a colleague doing the same).
  const bidPage = `/challenges/${id}/bid`;
  const bids = await Promise.all(
    bidders.flatMap((client, i) => [0, 1, 2].map(() => post(client, bidPage, bidPage, bidForm(`LOAD-${i}`, String(20 + i)), { multipart: true }))),
  );
  await expectNoServerError(bids);
  const perOrg = await rows<{ org_id: number; n: number }>("select org_id, count(*) as n from bids where challenge_id = ? group by org_id", id);
  expect(perOrg.map((r) => Number(r.n))).toEqual(Array(9).fill(1)); // 12 accounts in 9 organisations
  // 信息学院 and 川大 had bid while the 榜单 was driven: the other 7 got in once each.
  expect(bids.filter((b) => b.status() === 302).length).toBe(7);

  // 定榜 by the enterprise in two sessions at once, each for another winner: one stands, its bids agree with it.
  await letEnd("bidding", id);
  const open = await rows<{ id: number }>("select id from bids where challenge_id = ? and status = 'submitted' order by id", id);
  const owners = await Promise.all([signedIn(baseURL!, "enterprise@demo.test"), signedIn(baseURL!, "enterprise@demo.test")]);
  const selection = (winner: number) =>
    Object.fromEntries([
      ["intent", "select"], ["winnerBidId", String(winner)],
      ...open.flatMap((b, i) => [[`reasons[${i}].bidId`, String(b.id)], [`reasons[${i}].code`, "price_high"]]),
    ]);
  const page = `/challenges/${id}`;
  const selected = await Promise.all(owners.map((o, i) => post(o, page, page, selection(open[i].id))));
  await expectNoServerError(selected);
  expect(selected.filter((r) => r.status() === 302).length).toBe(1);
  const [challenge] = await rows<{ status: string; winner_bid_id: number }>("select status, winner_bid_id from challenges where id = ?", id);
  expect(challenge.status).toBe("selected");
  const won = await rows<{ id: number }>("select id from bids where challenge_id = ? and status = 'selected'", id);
  expect(won).toEqual([{ id: challenge.winner_bid_id }]);

  // Contracts registered by two officers' sessions at once, each form sent twice with its form key: one each.
  const officers = await Promise.all([signedIn(baseURL!, "bureau@demo.test"), signedIn(baseURL!, "bureau@demo.test")]);
  const run = unique();
  const forms = Array.from({ length: 16 }, (_, i) =>
    contractForm({ regNo: `2026510802${run.slice(-4)}${String(i).padStart(2, "0")}`, title: `并发登记合同 ${run}-${i}`, total: `${1000 + i}.07`, tech: `${1000 + i}.07`, nonTechItems: "", formKey: randomUUID() }),
  );
  const registered = await Promise.all(forms.flatMap((f, i) => [0, 1].map(() => post(officers[i % 2], "/bureau/contracts/new", "/bureau/contracts/new", f))));
  await expectNoServerError(registered);
  expect(registered.map((r) => r.status())).toEqual(Array(32).fill(302)); // the second of a pair is sent to the first's contract
  const made = await rows<{ n: number }>("select count(*) as n from contracts where title like ?", `并发登记合同 ${run}-%`);
  expect(Number(made[0].n)).toBe(16);

  // The rollups the dashboard reads equal a sum over the ledger, to the fen.
  const rollup = await rows("select reg_year, flow, type, field_code, industry_code, seller_kind, origin_kind, n, total_fen, tech_fen from contract_rollup where n > 0 order by 1, 2, 3, 4, 5, 6, 7");
  const ledger = await rows(`select reg_year, flow, type, field_code, coalesce(industry_code, '') as industry_code, seller_kind, origin_kind,
      count(*) as n, sum(total_fen) as total_fen, sum(tech_fen) as tech_fen
    from contracts where status <> 'cancelled' group by 1, 2, 3, 4, 5, 6, 7 order by 1, 2, 3, 4, 5, 6, 7`);
  expect(rollup.map((r) => JSON.stringify(Object.values(r).map(String)))).toEqual(ledger.map((r) => JSON.stringify(Object.values(r).map(String))));

  // The index, once the relays have caught up, equals a rebuild from the database.
  await expect.poll(indexAgainstRebuild, { timeout: 30_000, intervals: [500] }).toEqual({ missing: [], extra: [] });
  for (const c of [...bidders, ...owners, ...officers]) await c.dispose();
});
