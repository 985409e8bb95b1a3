import { describe, expect, it } from "vitest";
import { getChallengePage } from "../../app/models/challenge/queries.server";
import { loadActor } from "../../app/models/shared/session.server";
import { freshDb, userIdByEmail } from "../support/db";

/** What a signed 榜单's contract is worth is for its two parties and the bureau, as on the contract record. */
describe("contract amount on a challenge page", () => {
  it("shows the signed and paid amounts to the bureau and both parties, not to other verified users", async () => {
    const db = await freshDb({ demo: true });
    const closed = await db.selectFrom("challenges").select(["id", "org_id", "winner_bid_id"]).where("status", "=", "closed").where("contract_amount_fen", "is not", null).executeTakeFirstOrThrow();
    const winnerOrg = (await db.selectFrom("bids").select("org_id").where("id", "=", closed.winner_bid_id!).executeTakeFirstOrThrow()).org_id;
    const member = async (orgId: number) => (await db.selectFrom("users").select("email").where("org_id", "=", orgId).where("membership_status", "=", "active").executeTakeFirstOrThrow()).email!;
    const seen = async (email: string) => {
      const page = await getChallengePage(db, await loadActor(db, await userIdByEmail(db, email)), closed.id);
      return page.level === "details" ? { contract: page.details.contractAmountFen, paid: page.details.paidAmountFen } : null;
    };
    for (const email of ["bureau@demo.test", await member(closed.org_id), await member(winnerOrg)]) {
      expect((await seen(email))?.contract, email).toBeGreaterThan(0);
    }
    const outsider = await db.selectFrom("users").select("email").where("role", "=", "enterprise").where("org_id", "not in", [closed.org_id, winnerOrg]).where("membership_status", "=", "active").orderBy("id").executeTakeFirstOrThrow();
    expect(await seen(outsider.email!)).toEqual({ contract: null, paid: null });
  });
});
