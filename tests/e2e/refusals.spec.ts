import { expect, test } from "@playwright/test";
import { as, fillChallengeForm, saveDraft, submitForReview, unique } from "./support";

// Two officers have the same 待审核 榜单 open; the first returns it for revision. The second's form
// is gone from the re-rendered page, so the refusal must stand at the top of the page.
for (const javaScriptEnabled of [true, false]) {
  test(`the loser of a race is told why at the top of the page (JavaScript ${javaScriptEnabled ? "on" : "off"})`, async ({ browser }) => {
    // The spec's own 榜单, waiting in 待审核: no other spec's steps move it.
    const owner = await as(browser, "enterprise@demo.test");
    await fillChallengeForm(owner, {
      title: `喷涂线废气治理退回测试${unique()}`,
      keywords: "VOCs、废气治理",
      summary: "喷涂线废气需要稳定达标排放，同时降低治理设施的运行与维护成本。",
      difficulties: "废气浓度波动大，吸附材料容易饱和失效。",
      indicators: "VOCs 去除率不低于 90%，排放浓度稳定达标。",
      research: "吸附浓缩与催化燃烧耦合工艺及其自动控制。",
      eligibility: "具备废气治理研究基础的高校或院所。",
    });
    const path = `/challenges/${await saveDraft(owner)}`;
    await submitForReview(owner);
    const first = await as(browser, "bureau@demo.test", { javaScriptEnabled });
    const second = await as(browser, "bureau@demo.test", { javaScriptEnabled });
    await first.goto(path);
    await second.goto(path);
    const returnIt = async (page: typeof first) => {
      await page.getByRole("textbox", { name: "退回理由" }).fill("请补充废气治理的技术指标和考核方式。");
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
