import { expect, test } from "@playwright/test";
import { creditCodeCheckChar } from "../../app/utils/credit-code";
import { smtpPort } from "../playwright.config";
import { startSmtp, type TestSmtp } from "../support/smtp";
import { box, signIn } from "./support";

// The e2e server sends to SMTP_URL = this port (playwright.config.ts); the mail it sends arrives here.
let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp({ port: smtpPort });
});
test.afterAll(async () => {
  await smtp?.close();
});

/** The link in the mail to `to` about `subject`, once the server's sender has delivered it. */
async function linkFromMail(to: string, subject: string): Promise<string> {
  const m = await smtp.next((x) => (Array.isArray(x.to) ? x.to[0] : x.to)?.text === to && (x.subject ?? "").includes(subject), 30_000);
  const link = /https?:\/\/\S+\?token=[A-Za-z0-9_-]+/.exec(m.text ?? "");
  expect(link).not.toBeNull();
  return link![0];
}

test("register, verify the address by its mail, then reset a forgotten password by mail and sign in with it", async ({ page }) => {
  test.setTimeout(120_000);
  const stamp = Date.now().toString().slice(-6);
  const first17 = `91510802001${stamp}`;
  const email = `e2e-mail-${stamp}@demo.test`;

  await page.goto("/register");
  await box(page, "姓名").fill("测试 刘工");
  await box(page, "邮箱或手机号").fill(email);
  await box(page, "密码").fill("Old2026pass");
  await box(page, "确认密码").fill("Old2026pass");
  await page.getByLabel("我的角色").selectOption({ label: "企业用户" });
  await box(page, "机构名称").fill(`利州测试邮件科技有限公司${stamp}`);
  await page.getByLabel("机构类型").selectOption({ label: "企业" });
  await box(page, "统一社会信用代码").fill(first17 + creditCodeCheckChar(first17));
  await page.getByLabel("所在地区").selectOption({ label: "利州区" });
  await box(page, "联系人").fill("刘工");
  await box(page, "联系电话").fill("0839-3305678");
  await page.getByRole("button", { name: "注册并登录" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText("邮箱尚未验证")).toBeVisible();

  await page.goto(await linkFromMail(email, "请验证您的邮箱"));
  await expect(page.getByText("邮箱验证成功")).toBeVisible();
  await page.goto("/me");
  await expect(page.getByText("邮箱尚未验证")).toHaveCount(0);
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();

  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page.getByRole("heading", { name: "找回密码" })).toBeVisible();
  await box(page, "注册邮箱").fill(email);
  await page.getByRole("button", { name: "发送重置邮件" }).click();
  await expect(page.getByText("如果该邮箱已注册，重置密码的邮件已经发出")).toBeVisible();

  await page.goto(await linkFromMail(email, "重置密码"));
  await expect(page.getByRole("heading", { name: "设置新密码" })).toBeVisible();
  await box(page, "新密码").fill("New2026pass");
  await box(page, "确认新密码").fill("New2026pass");
  await page.getByRole("button", { name: "设置新密码" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText("密码已重置")).toBeVisible();

  await signIn(page, email, "Old2026pass");
  await expect(page.getByRole("alert")).toContainText("账号或密码不正确");
  await signIn(page, email, "New2026pass");
  await expect(page).toHaveURL(/\/workbench$/);
});
