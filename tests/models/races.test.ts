/**
 * Invariants that must hold when two processes act at once (issue 16). Each race runs its two
 * actions on two independent connections to the same database (`openDatabase(await fileOf(db))`).
 *
 * On PostgreSQL the actions are made to overlap where it matters: a third connection holds the
 * contended row (or table) while both actions start, one after the other, and each is let run
 * until it waits for that lock; then the holder lets go. Both have then read the state before
 * either wrote, which is the interleaving a check-then-write loses to, and the first to wait goes
 * first. Without its guard each test below then fails on PostgreSQL. On SQLite every transaction
 * begins IMMEDIATE, so the second connection waits for the file's write lock and the two run one
 * after the other: the same assertions hold there, by the engine.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase, type DB } from "../../db/client.server";
import type { Database } from "../../db/schema";
import { signIn } from "../../app/models/account/auth.server";
import { withdrawBid } from "../../app/models/challenge/bid.server";
import { sendToReview } from "../../app/models/challenge/challenge.server";
import { amendContract, cancelContract, contractFormValues, registerContract } from "../../app/models/contract";
import { editMeeting, generateSchedule, publishSchedule } from "../../app/models/event/agenda.server";
import { reviewParticipant } from "../../app/models/event/event.server";
import { answerMeetingRequest, sendMeetingRequest } from "../../app/models/event/request.server";
import { contractSchema } from "../../app/schemas/contract";
import { AccountLockedError, ConflictError } from "../../app/utils/errors";
import { auditCount, fileOf, freshDb, onPostgres } from "../support/db";
import { bureauActor, contractInput } from "../support/contracts";
import { eventWith } from "../support/events";
import { SCITC, addMember, addSecondExpert, asUser, driveTo } from "../support/challenges";

const ENT = "enterprise@demo.test"; // 四川海聚环保
const SCI = "researcher@demo.test"; // 四川信息职业技术学院

type Hold = { table: keyof Database & string; id?: number };

/** Connections to close at the end of a test (freshDb closes its own). */
async function secondConnection(db: DB): Promise<DB> {
  return openDatabase(await fileOf(db));
}

/** How many of this database's sessions wait for a lock right now (PostgreSQL). */
async function waitingForLocks(db: DB): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
  return Number(r.rows[0].n);
}

/**
 * Run `actions` so that they overlap (see the top of the file) and settle all of them. On
 * PostgreSQL `hold` names the row (or, without an id, the table, against writers) both contend for.
 */
async function race(db: DB, hold: Hold, actions: (() => Promise<unknown>)[]): Promise<PromiseSettledResult<unknown>[]> {
  if (!onPostgres) return Promise.allSettled(actions.map((a) => a()));
  const holder = await secondConnection(db);
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  let locked!: () => void;
  const isLocked = new Promise<void>((r) => (locked = r));
  const holding = holder.transaction().execute(async (trx) => {
    if (hold.id != null) await sql`select 1 from ${sql.table(hold.table)} where id = ${hold.id} for update`.execute(trx);
    else await sql`lock table ${sql.table(hold.table)} in exclusive mode`.execute(trx);
    locked();
    await released;
  });
  await isLocked;
  const settled: Promise<PromiseSettledResult<unknown>>[] = [];
  let done = 0;
  try {
    for (const action of actions) {
      const p = action().then(
        (value) => ({ status: "fulfilled" as const, value }),
        (reason: unknown) => ({ status: "rejected" as const, reason }),
      );
      void p.then(() => done++);
      settled.push(p);
      // Until this one waits too (or has finished without waiting): a bounded wait, not a timing.
      for (let i = 0; i < 400 && (await waitingForLocks(db)) + done < settled.length; i++) await sleep(10);
    }
  } finally {
    release();
    await holding;
    await holder.destroy();
  }
  return Promise.all(settled);
}

function split(results: PromiseSettledResult<unknown>[]) {
  return {
    won: results.filter((r) => r.status === "fulfilled").length,
    refused: results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason as Error),
  };
}


describe("races on two connections", () => {
  it("one open meeting request per pair: two organisations asking each other at once get one request", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const { eventId, parts } = await eventWith(db, [ENT, SCI]);
      const [ent, sci] = [parts[ENT], parts[SCI]];
      const results = await race(db, { table: "meeting_requests" }, [
        () => sendMeetingRequest(db, ent.user, eventId, { toParticipantId: sci.participantId, message: "甲方约谈" }),
        () => sendMeetingRequest(other, sci.user, eventId, { toParticipantId: ent.participantId, message: "乙方约谈" }),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused).toHaveLength(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      expect(refused[0].message).toMatch(/已有待回复或已接受的约谈/);
      const open = await db.selectFrom("meeting_requests").select("id").where("event_id", "=", eventId).where("status", "in", ["pending", "accepted"]).execute();
      expect(open).toHaveLength(1);
      const sent = await db.selectFrom("meeting_requests").select("id").where("event_id", "=", eventId).execute();
      expect(sent).toHaveLength(1); // the refused one left nothing behind

      // The pair is free again once the request is declined, and after it lapsed.
      const rid = open[0].id;
      const r = await db.selectFrom("meeting_requests").select(["from_participant_id", "expires_at"]).where("id", "=", rid).executeTakeFirstOrThrow();
      const [sender, recipient] = r.from_participant_id === ent.participantId ? [ent, sci] : [sci, ent];
      await answerMeetingRequest(db, recipient.user, eventId, rid, { intent: "decline", reason: "档期已满" });
      const again = await sendMeetingRequest(db, sender.user, eventId, { toParticipantId: recipient.participantId, message: "再约" });
      await db.updateTable("meeting_requests").set({ expires_at: new Date(Date.now() - 1_000).toISOString() }).where("id", "=", again).execute();
      await sendMeetingRequest(db, recipient.user, eventId, { toParticipantId: sender.participantId, message: "过期后再约" });
    } finally {
      await other.destroy();
    }
  });

  it("regenerating the agenda while the final one is published: never a regenerated agenda after publication", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const { eventId, bureau } = await eventWith(db, [ENT, SCI, "haipeng@demo.test"]);
      await generateSchedule(db, bureau, eventId);
      // The publication waits first, so it commits first: the regeneration comes after it.
      const results = await race(db, { table: "events", id: eventId }, [
        () => publishSchedule(other, bureau, eventId, "final"),
        () => generateSchedule(db, bureau, eventId),
      ]);
      const e = await db.selectFrom("events").select("schedule_state").where("id", "=", eventId).executeTakeFirstOrThrow();
      const log = await db.selectFrom("audit_events").select(["id", "action"]).where("entity", "=", "event").where("entity_id", "=", eventId).orderBy("id").execute();
      const published = log.findIndex((x) => x.action === "publish_final");
      expect(results[0].status).toBe("fulfilled");
      expect(e.schedule_state).toBe("final");
      // No regeneration recorded after the publication.
      expect(log.slice(published + 1).map((x) => x.action)).not.toContain("generate_schedule");
      if (onPostgres) {
        expect(results[1].status).toBe("rejected");
        expect(((results[1] as PromiseRejectedResult).reason as Error).message).toBe("正式日程已发布，不能重新生成。");
      }
    } finally {
      await other.destroy();
    }
  });

  it("two officers publishing the preliminary agenda at once: one publication, one announcement", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const { eventId, bureau } = await eventWith(db, [ENT, SCI]);
      await generateSchedule(db, bureau, eventId);
      const results = await race(db, { table: "events", id: eventId }, [
        () => publishSchedule(db, bureau, eventId, "preliminary"),
        () => publishSchedule(other, bureau, eventId, "preliminary"),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      expect(await auditCount(db, "event", eventId, "publish_preliminary")).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it("two officers cancelling the same meeting at once: one cancellation, one announcement", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const { eventId, bureau, parts } = await eventWith(db, [ENT, SCI]);
      const rid = await sendMeetingRequest(db, parts[ENT].user, eventId, { toParticipantId: parts[SCI].participantId, message: "约谈" });
      await answerMeetingRequest(db, parts[SCI].user, eventId, rid, { intent: "accept" });
      await generateSchedule(db, bureau, eventId);
      const m = await db.selectFrom("meetings").select("id").where("event_id", "=", eventId).where("status", "=", "scheduled").executeTakeFirstOrThrow();
      const results = await race(db, { table: "meetings", id: m.id }, [
        () => editMeeting(db, bureau, eventId, m.id, { intent: "cancel", reason: "甲方临时有事" }),
        () => editMeeting(other, bureau, eventId, m.id, { intent: "cancel", reason: "乙方临时有事" }),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0].message).toBe("该会谈已取消。");
      expect(await auditCount(db, "meeting", m.id, "cancel")).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it("two officers sending a challenge to review at once: one assignment of experts, not both", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const d = await driveTo(db, "submitted");
      await addSecondExpert(db);
      const expert2 = await asUser(db, "cib-expert@example.test");
      const results = await race(db, { table: "challenges", id: d.id }, [
        () => sendToReview(db, d.cast.bureau, d.id, [d.cast.expert.id]),
        () => sendToReview(other, d.cast.bureau, d.id, [expert2.id]),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      const experts = await db.selectFrom("challenge_experts").select("expert_id").where("challenge_id", "=", d.id).execute();
      expect(experts).toHaveLength(1);
      expect(await auditCount(db, "challenge", d.id, "send_to_review")).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it("amending a contract from the same version twice at once: one amendment, the other told 已被其他人修改, rollups moved once", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const officer = await bureauActor(db);
      const id = await registerContract(db, officer, contractInput());
      const c = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const amount = (total: string) => contractSchema.parse({ ...contractFormValues(c), total, tech: total, nonTechItems: "" });
      const results = await race(db, { table: "contracts", id }, [
        () => amendContract(db, officer, id, c.version, amount("1000000.00"), "甲更正"),
        () => amendContract(other, officer, id, c.version, amount("2000000.00"), "乙更正"),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      expect(refused[0].message).toBe("该合同已被其他人修改，请刷新页面查看最新内容后再操作。");
      const after = await db.selectFrom("contracts").select(["version", "tech_fen", "reg_year"]).where("id", "=", id).executeTakeFirstOrThrow();
      expect(after.version).toBe(c.version + 1);
      expect((await db.selectFrom("contract_revisions").select("id").where("contract_id", "=", id).where("action", "=", "amend").execute())).toHaveLength(1);
      // The rollups agree with the ledger: the loser's moves rolled back with it.
      const ledger = await sql<{ fen: number }>`select coalesce(sum(tech_fen), 0) as fen from contracts where status <> 'cancelled' and reg_year = ${after.reg_year}`.execute(db);
      const rollup = await sql<{ fen: number }>`select coalesce(sum(tech_fen), 0) as fen from contract_rollup where reg_year = ${after.reg_year}`.execute(db);
      expect(Number(rollup.rows[0].fen)).toBe(Number(ledger.rows[0].fen));
    } finally {
      await other.destroy();
    }
  });

  it("cancelling and amending one contract at once: one of them, never an amended cancelled contract", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const officer = await bureauActor(db);
      const id = await registerContract(db, officer, contractInput());
      const c = await db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
      const results = await race(db, { table: "contracts", id }, [
        () => cancelContract(db, officer, id, c.version, "重复登记"),
        () => amendContract(other, officer, id, c.version, contractSchema.parse({ ...contractFormValues(c), total: "1000000.00", tech: "1000000.00", nonTechItems: "" }), "更正"),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      // Told it changed meanwhile, or (when the cancellation came first and was read) that it is cancelled.
      expect(refused[0].message).toMatch(/^该合同已被其他人修改|^该合同已撤销/);
      expect((await db.selectFrom("contract_revisions").select("action").where("contract_id", "=", id).execute()).map((r) => r.action)).toHaveLength(2);
    } finally {
      await other.destroy();
    }
  });

  it("two colleagues withdrawing the same bid at once: one withdrawal recorded", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const d = await driveTo(db, "published");
      await addMember(db, { email: "scitc-2@example.test", name: "信息学院 赵老师", role: "researcher", org: SCITC });
      const colleague = await asUser(db, "scitc-2@example.test");
      const bid = d.bids!.a;
      const results = await race(db, { table: "bids", id: bid }, [() => withdrawBid(db, d.cast.bidderA, bid), () => withdrawBid(other, colleague, bid)]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0]).toBeInstanceOf(ConflictError);
      expect(await auditCount(db, "bid", bid, "withdraw")).toBe(1);
      expect((await db.selectFrom("bids").select("version").where("id", "=", bid).executeTakeFirstOrThrow()).version).toBe(2);
    } finally {
      await other.destroy();
    }
  });

  it("two desks checking the same participant in at once: one check-in", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const { eventId, bureau, parts } = await eventWith(db, [ENT]);
      const pid = parts[ENT].participantId;
      const results = await race(db, { table: "event_participants", id: pid }, [
        () => reviewParticipant(db, bureau, eventId, pid, { intent: "check_in" }),
        () => reviewParticipant(other, bureau, eventId, pid, { intent: "check_in" }),
      ]);
      const { won, refused } = split(results);
      expect(won).toBe(1);
      expect(refused[0].message).toBe("该单位已签到。");
      expect(await auditCount(db, "event_participant", pid, "check_in")).toBe(1);
    } finally {
      await other.destroy();
    }
  });

  it("six wrong passwords at once over two connections: the count is exact, the sixth finds the account locked", async () => {
    const db = await freshDb({ demo: true });
    const other = await secondConnection(db);
    try {
      const account = { kind: "email" as const, value: ENT };
      const attempt = (on: DB) => () => signIn(on, { account, password: "wrong-password", source: "203.0.113.9" }, { slowdownMs: 0, lockPassDelayMs: 0 });
      const results = await Promise.allSettled([db, other, db, other, db, other].map((on) => attempt(on)()));
      const remaining = results.flatMap((r) => (r.status === "fulfilled" && !r.value.ok ? [r.value.remaining] : []));
      expect(remaining.sort()).toEqual([0, 1, 2, 3, 4]);
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toBeInstanceOf(AccountLockedError);
    } finally {
      await other.destroy();
    }
  });
});
