import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../seeds/organizations";

/** A text field by its exact accessible name (labels carry a required-mark hidden from it). */
export function box(page: Page, name: string) {
  return page.getByRole("textbox", { name, exact: true });
}

export async function signIn(page: Page, account: string, password = DEMO_PASSWORD) {
  await box(page, "邮箱或手机号").fill(account);
  await box(page, "密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A fresh browser context signed in as a demo account, on 个人中心. */
export async function as(browser: Browser, email: string, { javaScriptEnabled = true } = {}): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto("/login");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/me$/);
  return page;
}
