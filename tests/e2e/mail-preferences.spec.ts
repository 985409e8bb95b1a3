/**
 * 邮件通知设置 and one-click 退订 in a real browser without JavaScript, against the production
 * build: the form saves per category; the mail's own 退订 link (read from the outbox the demo
 * round filled) asks first, then switches its category to 仅站内; the bureau is told mail is not
 * configured. Screenshots (desktop and phone) go to /work/notes/shots when SHOTS is set.
 */
import { expect, test, type Page } from "@playwright/test";
import { as, readRow } from "./support";

const shots = process.env.SHOTS;
async function shoot(page: Page, name: string) {
  if (!shots) return;
  for (const [label, width] of [["desktop", 1280], ["phone", 390]] as const) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/h3-${name}-${label}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("preferences save per category, and a mail's 退订 link asks then switches its category off", async ({ browser }) => {
  const page = await as(browser, "enterprise@demo.test", { javaScriptEnabled: false });
  await page.goto("/me");
  await page.getByRole("link", { name: "邮件通知设置" }).click();
  await expect(page.getByRole("heading", { name: "邮件通知设置" })).toBeVisible();
  const events = page.getByRole("group", { name: "对接会" });
  await expect(events.getByRole("radio", { name: "立即发送邮件" })).toBeChecked();
  await expect(page.getByRole("group", { name: "榜单动态" }).getByRole("radio", { name: "每日摘要" })).toBeChecked();
  await events.getByRole("radio", { name: "仅站内" }).check();
  await page.getByRole("button", { name: "保存设置" }).click();
  await expect(page.getByText("邮件接收设置已保存。")).toBeVisible();
  await expect(page.getByRole("group", { name: "对接会" }).getByRole("radio", { name: "仅站内" })).toBeChecked();
  await shoot(page, "notification-preferences");

  // The unsubscribe link of a mail the demo round queued for this person (榜单审核与论证).
  const row = await readRow<{ text_body: string }>(
    "select o.text_body from mail_outbox o join users u on u.id = o.user_id where u.email = ? and o.kind in ('published', 'returned', 'rejected') order by o.id limit 1",
    "enterprise@demo.test",
  );
  const link = /https?:\/\/\S+\/unsubscribe\/\S+/.exec(row.text_body)![0];
  const anon = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
  await anon.goto(new URL(link).pathname);
  await expect(anon.getByText("确认后，“榜单审核与论证”类通知将只在站内“消息”中显示")).toBeVisible();
  await shoot(anon, "unsubscribe-confirm");
  await anon.getByRole("button", { name: "确认退订" }).click();
  await expect(anon.getByRole("status")).toContainText("已退订：“榜单审核与论证”类通知今后只在站内“消息”中显示");
  await shoot(anon, "unsubscribe-done");
  await page.reload();
  await expect(page.getByRole("group", { name: "榜单审核与论证" }).getByRole("radio", { name: "仅站内" })).toBeChecked();

  const tampered = await anon.goto(new URL(link).pathname.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  expect(tampered?.status()).toBe(400);
  await expect(anon.getByText("退订链接无效或已被改动")).toBeVisible();
});

// The e2e server has SMTP_URL set, and no mail server listens on it outside the account-mail spec:
// the bureau sees the mail that waits (the not-configured message is checked in mail-status.test.tsx).
test("the bureau sees how much mail waits while the mail server cannot be reached", async ({ browser }) => {
  const page = await as(browser, "bureau@demo.test");
  await page.goto("/bureau/challenges");
  await expect(page.getByTestId("mail-status")).toContainText(/邮件：\d+ 封待发送/);
  await shoot(page, "bureau-mail-status");
});
