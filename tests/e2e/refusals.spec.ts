import { expect, test } from "@playwright/test";
import { as } from "./support";

// Two officers have the same 待审核 榜单 open; the first returns it for revision. The second's form
// is gone from the re-rendered page, so the refusal must stand at the top of the page.
for (const javaScriptEnabled of [true, false]) {
  test(`the loser of a race is told why at the top of the page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    const first = await as(browser, "bureau@demo.test", { javaScriptEnabled });
    const second = await as(browser, "bureau@demo.test", { javaScriptEnabled });
    // Seeded 榜单 10 (鲢鳙原种) waits in 待审核; after the first run its enterprise submits it again.
    const path = "/challenges/10";
    if (!javaScriptEnabled) {
      const owner = await as(browser, "fishery@demo.test");
      await owner.goto(path);
      await owner.getByRole("button", { name: "提交审核" }).click();
      await expect(owner.getByRole("status")).toContainText("操作已完成");
    }
    await first.goto(path);
    await second.goto(path);
    const returnIt = async (page: typeof first) => {
      await page.getByRole("textbox", { name: "退回理由" }).fill("请补充鲢鳙原种繁育的技术指标和考核方式。");
      await page.getByRole("button", { name: "退回修改" }).click();
    };
    if (javaScriptEnabled) {
      await returnIt(first);
      await expect(first.getByRole("status")).toContainText("操作已完成");
      await returnIt(second);
      await expect(second.getByRole("alert").first()).toContainText(/当前为“草稿”，不能|已被他人/);
      // The form was far down the page: the message is brought into view, not left above it.
      await expect(second.getByRole("alert").first()).toBeInViewport();
    } else {
      // Without JavaScript the refusal comes back as the page itself, with its 409 status.
      await returnIt(second);
      await expect(second.getByRole("status")).toContainText("操作已完成");
      const refused = first.waitForResponse((r) => r.request().method() === "POST");
      await returnIt(first);
      expect((await refused).status()).toBe(409);
      await expect(first.getByRole("alert").first()).toContainText(/当前为“草稿”，不能|已被他人/);
    }
  });
}
