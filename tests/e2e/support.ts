import fs from "node:fs";
import path from "node:path";
import { expect, type Browser, type Locator, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../seeds/organizations";

/** The day `offset` days from now in 北京时间 (YYYY-MM-DD), the calendar the site's date fields use. */
export const beijingDay = (offset = 0) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/** A text field by its exact accessible name (labels carry a required-mark hidden from it). */
export function box(page: Page, name: string) {
  return page.getByRole("textbox", { name, exact: true });
}

export async function signIn(page: Page, account: string, password = DEMO_PASSWORD) {
  await box(page, "邮箱或手机号").fill(account);
  await box(page, "密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
}

/** A fresh browser context signed in as a demo account, on its 工作台. */
export async function as(browser: Browser, email: string, { javaScriptEnabled = true } = {}): Promise<Page> {
  const page = await (await browser.newContext({ javaScriptEnabled })).newPage();
  await page.goto("/login");
  await signIn(page, email);
  await expect(page).toHaveURL(/\/workbench$/);
  return page;
}

/**
 * With SHOTS_DIR set, leave `<name>-desktop.png` (1280 wide) and `<name>-phone.png` (390 wide)
 * there: the whole page, or only `target`. Without it, nothing (screenshots are for looking at,
 * not for the test's verdict).
 */
export async function shoot(page: Page, name: string, target?: Locator) {
  const dir = process.env.SHOTS_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  for (const [suffix, width, height] of [["desktop", 1280, 900], ["phone", 390, 844]] as const) {
    await page.setViewportSize({ width, height });
    const file = path.join(dir, `${name}-${suffix}.png`);
    if (target) {
      await target.scrollIntoViewIfNeeded();
      await target.screenshot({ path: file });
    } else await page.screenshot({ path: file, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}
