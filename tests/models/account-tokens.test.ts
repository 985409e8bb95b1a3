/**
 * Mailed-link tokens (Decision 44): valid for exactly their window by the `now` given, for one
 * purpose, used once even by two clicks at once on two real connections, and only the newest of a
 * kind works. The password reset built on them changes the password once.
 */
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.server";
import { requestPasswordReset, resetPassword } from "../../app/models/account/account-mail.server";
import { issueToken, peekToken, TOKEN_VALID_MS, useToken } from "../../app/models/account/account-tokens.server";
import { verifyPassword } from "../../app/models/account/password.server";
import { accountSchema } from "../../app/schemas/fields";
import { linkIn, mailFor, smtpServer } from "../support/account-mail";
import { fileOf, freshDb, userIdByEmail } from "../support/db";

const NOW = new Date("2031-03-04T05:06:07Z");
const later = (ms: number) => new Date(NOW.getTime() + ms);
const ENTERPRISE = "enterprise@demo.test";

describe("account tokens", () => {
  it("work until the end of their window by the given clock, for their purpose only, once", async () => {
    const db = await freshDb({ demo: true });
    const userId = await userIdByEmail(db, ENTERPRISE);
    const token = await issueToken(db, userId, "reset_password", NOW);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(TOKEN_VALID_MS.reset_password).toBe(30 * 60_000);
    expect(await peekToken(db, token, "reset_password", later(30 * 60_000 - 1))).toBe(userId);
    expect(await peekToken(db, token, "reset_password", later(30 * 60_000))).toBeNull();
    expect(await useToken(db, token, "unlock", NOW)).toBeNull();
    expect(await useToken(db, token, "verify_email", NOW)).toBeNull();
    expect(await useToken(db, token, "reset_password", later(31 * 60_000))).toBeNull();
    expect(await useToken(db, token, "reset_password", later(60_000))).toBe(userId);
    expect(await useToken(db, token, "reset_password", later(60_000))).toBeNull();
  });

  it("retire the earlier unused token of the same purpose when a new one is issued", async () => {
    const db = await freshDb({ demo: true });
    const userId = await userIdByEmail(db, ENTERPRISE);
    const first = await issueToken(db, userId, "reset_password", NOW);
    const unlock = await issueToken(db, userId, "unlock", NOW);
    const second = await issueToken(db, userId, "reset_password", later(1000));
    expect(await peekToken(db, first, "reset_password", later(2000))).toBeNull();
    expect(await peekToken(db, second, "reset_password", later(2000))).toBe(userId);
    expect(await peekToken(db, unlock, "unlock", later(2000))).toBe(userId);
  });

  it("two resets with one link at once on two real connections: exactly one changes the password", async () => {
    const db = await freshDb({ demo: true });
    const other = openDatabase(await fileOf(db));
    const smtp = await smtpServer();
    const now = new Date();
    await requestPasswordReset(db, { account: accountSchema.parse(ENTERPRISE), source: "test" }, { origin: "https://techmatch.example.cn", now });
    const { url } = linkIn(await mailFor(db, smtp, ENTERPRISE, "重置密码", now));
    expect(url.startsWith("https://techmatch.example.cn/account/reset?token=")).toBe(true);
    const token = new URL(url).searchParams.get("token")!;
    const results = await Promise.allSettled([
      resetPassword(db, { token, password: "FirstWins111" }, now),
      resetPassword(other, { token, password: "SecondWins222" }, now),
    ]);
    await other.destroy();
    const won = results.findIndex((r) => r.status === "fulfilled");
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const lost = results[1 - won];
    expect(lost.status === "rejected" && (lost.reason as Error).message).toContain("重置链接无效或已过期");
    const { password_hash } = await db.selectFrom("users").select("password_hash").where("email", "=", ENTERPRISE).executeTakeFirstOrThrow();
    expect(await verifyPassword(password_hash, ["FirstWins111", "SecondWins222"][won])).toBe(true);
    expect(await verifyPassword(password_hash, ["FirstWins111", "SecondWins222"][1 - won])).toBe(false);
  });
});
