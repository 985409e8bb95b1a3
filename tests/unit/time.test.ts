import { afterEach, describe, expect, it } from "vitest";
import {
  beijingDate,
  beijingInstant,
  clock,
  daysBetween,
  endOfBeijingDay,
  formatDay,
  milestoneExample,
  nowIso,
  startOfBeijingDay,
} from "../../app/utils/time";

// Instants are built from the running clock so the test holds on any day; only offsets are fixed.
const today = new Date();
const y = today.getUTCFullYear();

afterEach(() => clock.reset());

describe("the clock", () => {
  it("runs with the system clock until a test stops it", () => {
    const before = Date.now();
    const t = clock.now().getTime();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it("stops at the instant a test sets, for now, nowIso and the 北京 day, and runs again after reset", () => {
    const at = `${y + 3}-06-30T16:30:00.000Z`; // 00:30 on 1 July in 北京
    clock.set(at);
    expect(clock.now().toISOString()).toBe(at);
    expect(nowIso()).toBe(at);
    expect(beijingDate()).toBe(`${y + 3}-07-01`);
    expect(milestoneExample()).toBe(`${y + 4}-03-31 完成小试`);
    clock.reset();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });

  it("hands out a copy: a caller changing its Date does not move the clock", () => {
    clock.set(new Date(Date.UTC(y + 1, 0, 2, 3)));
    clock.now().setUTCFullYear(y + 9);
    expect(clock.now().getUTCFullYear()).toBe(y + 1);
  });
});

describe("北京 days", () => {
  it("a day starts at 16:00 UTC the evening before and ends one second before the next starts", () => {
    const day = `${y + 1}-03-01`;
    expect(startOfBeijingDay(day)).toBe(`${y + 1}-02-${new Date(Date.UTC(y + 1, 2, 0)).getUTCDate()}T16:00:00.000Z`);
    expect(Date.parse(endOfBeijingDay(day)) + 1000).toBe(Date.parse(startOfBeijingDay(`${y + 1}-03-02`)));
    expect(beijingInstant(day, 9 * 60 + 30)).toBe(`${y + 1}-03-01T01:30:00.000Z`);
  });

  it("the 北京 day of an instant turns at 16:00 UTC", () => {
    expect(beijingDate(new Date(`${y + 1}-05-04T15:59:59.999Z`))).toBe(`${y + 1}-05-04`);
    expect(beijingDate(new Date(`${y + 1}-05-04T16:00:00.000Z`))).toBe(`${y + 1}-05-05`);
  });

  it("counts whole days between two days, across a month end and backwards", () => {
    expect(daysBetween(`${y + 1}-01-30`, `${y + 1}-02-02`)).toBe(3);
    expect(daysBetween(`${y + 1}-02-02`, `${y + 1}-01-30`)).toBe(-3);
  });

  it("shows a day as the page does, the same day whatever the server's zone", () => {
    expect(formatDay(`${y + 1}-01-01`)).toBe(`${y + 1}年1月1日`);
    expect(formatDay(`${y + 1}-12-31`)).toBe(`${y + 1}年12月31日`);
  });
});
