import { describe, expect, it } from "vitest";
import { dueText } from "../../app/utils/time";

const now = new Date("2030-05-10T04:00:00.000Z");
const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000).toISOString();

describe("dueText: exact words from now", () => {
  it.each([
    [20, "将于 20 小时后截止"],
    [20.9, "将于 20 小时后截止"],
    [0.5, "将于 30 分钟后截止"],
    [47, "将于 47 小时后截止"],
    [72.5, "将于 3 天后截止"],
    [-3, "已逾期 3 小时"],
    [-49, "已逾期 2 天"],
  ])("%s hours away reads %s", (h, words) => {
    expect(dueText(at(h), now)).toBe(words);
  });
});
