import { expect, test, type Page } from "@playwright/test";
import { creditCodeCheckChar } from "../../app/utils/credit-code";
import { box, signIn } from "./support";

async function signOut(page: Page) {
  await page.getByRole("button", { name: "退出" }).click();
  await expect(page.getByRole("link", { name: "登录", exact: true })).toBeVisible();
}

test("a new enterprise registers, the bureau verifies it, and its user sees the verified organisation", async ({ page }) => {
  const stamp = Date.now().toString().slice(-6);
  const first17 = `91510802000${stamp}`;
  const creditCode = first17 + creditCodeCheckChar(first17);
  const orgName = `利州测试智能装备有限公司${stamp}`;
  const email = `e2e-${stamp}@demo.test`;

  await page.goto("/register");
  await expect(page.getByRole("heading", { name: "注册" })).toBeVisible();
  await box(page, "姓名").fill("测试 张工");
  await box(page, "邮箱或手机号").fill(email);
  await box(page, "密码").fill("Test2026pass");
  await box(page, "确认密码").fill("Test2026pass");
  await page.getByLabel("我的角色").selectOption({ label: "企业用户" });
  await box(page, "机构名称").fill(orgName);
  await page.getByLabel("机构类型").selectOption({ label: "企业" });
  await box(page, "统一社会信用代码").fill(creditCode);
  await page.getByLabel("所在地区").selectOption({ label: "利州区" });
  await box(page, "联系人").fill("张工");
  await box(page, "联系电话").fill("0839-3301234");
  await page.getByRole("button", { name: "注册并登录" }).click();

  await expect(page).toHaveURL(/\/me$/);
  await expect(page.getByText("机构正在等待区科技局认证")).toBeVisible();
  await signOut(page);

  await page.goto("/login");
  await signIn(page, "bureau@demo.test");
  await page.getByRole("link", { name: "机构认证" }).click();
  const card = page.getByRole("article").filter({ hasText: orgName });
  await expect(card).toContainText(creditCode);
  await card.getByRole("button", { name: "认证通过" }).click();
  await expect(page.getByRole("article").filter({ hasText: orgName })).toHaveCount(0);
  await page.getByRole("link", { name: /已认证/ }).click();
  await expect(page.getByRole("article").filter({ hasText: orgName })).toBeVisible();
  await signOut(page);

  await page.goto("/login");
  await signIn(page, email, "Test2026pass");
  await expect(page).toHaveURL(/\/workbench$/);
  await page.getByRole("link", { name: "个人中心与账号设置" }).click();
  await page.getByRole("link", { name: orgName }).click();
  await expect(page.getByRole("heading", { level: 1, name: orgName })).toBeVisible();
  await expect(page.getByText("已认证", { exact: true })).toBeVisible();
  await expect(page.getByText("认证通过")).toBeVisible();
});

test("a wrong password is answered with a clear message and the account kept in the form", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, "enterprise@demo.test", "wrong-password-1");
  await expect(page.getByRole("alert")).toContainText("账号或密码不正确");
  await expect(box(page, "邮箱或手机号")).toHaveValue("enterprise@demo.test");
  await expect(box(page, "密码")).toHaveValue("");
});

test("an anonymous visit to a bureau page leads to sign-in and back", async ({ page }) => {
  await page.goto("/bureau/orgs");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fbureau%2Forgs/);
  await expect(page.getByText("请先登录")).toBeVisible();
  await signIn(page, "bureau@demo.test");
  await expect(page).toHaveURL(/\/bureau\/orgs$/);
  await expect(page.getByRole("heading", { name: "机构认证" })).toBeVisible();
});

test("a signed-in enterprise user is refused the bureau page with a Chinese explanation", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, "enterprise@demo.test");
  await expect(page).toHaveURL(/\/workbench$/);
  const res = await page.goto("/bureau/orgs");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "没有访问权限" })).toBeVisible();
  await expect(page.getByText("仅供区科技局工作人员使用")).toBeVisible();
});

test("an unknown address shows the 404 page inside the site", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
  await expect(page.getByRole("link", { name: "返回首页" })).toBeVisible();
});
