/**
 * The 中选公示 objection period: N working days (Monday–Friday, 北京时间) after the day of selection,
 * ending at 北京 midnight after the last one. Dates are derived from a base, never written out.
 */
import { describe, expect, it } from "vitest";
import { workingDaysEnd } from "../../app/utils/time";

const DAY = 86_400_000;
const thisYear = new Date().getUTCFullYear();

/** 北京 wall-clock time as an instant (months 0-based, overflowing days roll over). */
const beijing = (y: number, m: number, d: number, h = 10, min = 0) => new Date(Date.UTC(y, m, d, h - 8, min));
/** The next date on or after (y, m, d) that falls on `weekday` (0 = Sunday), as [y, m, d]. */
function nextWeekday(y: number, m: number, d: number, weekday: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m, d));
  t.setUTCDate(t.getUTCDate() + ((weekday - t.getUTCDay() + 7) % 7));
  return [t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()];
}
/** 北京 midnight at the start of (y, m, d). */
const midnight = (y: number, m: number, d: number) => beijing(y, m, d, 0);

describe("workingDaysEnd", () => {
  const [y, m, d] = nextWeekday(thisYear + 1, 2, 1, 1); // a Monday in March next year

  it("Monday + 5: Tue–Fri and the next Monday count; it ends at the start of the Tuesday after", () => {
    expect(workingDaysEnd(beijing(y, m, d), 5)).toEqual(midnight(y, m, d + 8));
  });

  it("Friday + 5: the weekend is skipped; it ends at the start of the Saturday a week later", () => {
    expect(workingDaysEnd(beijing(y, m, d + 4), 5)).toEqual(midnight(y, m, d + 12));
  });

  it.each([
    ["Saturday", 5],
    ["Sunday", 6],
  ])("selected on a %s: the period is the whole next working week", (_name, offset) => {
    expect(workingDaysEnd(beijing(y, m, d + offset), 5)).toEqual(midnight(y, m, d + 12));
  });

  it("Friday + 1 ends at the start of Tuesday (the Monday is the one working day)", () => {
    expect(workingDaysEnd(beijing(y, m, d + 4), 1)).toEqual(midnight(y, m, d + 8));
  });

  it("the selection day is the 北京 day: 23:59 Sunday and 00:01 Monday differ, though both are Sunday in UTC", () => {
    const sundayLate = beijing(y, m, d - 1, 23, 59);
    const mondayEarly = beijing(y, m, d, 0, 1);
    expect(sundayLate.getUTCDay()).toBe(0);
    expect(mondayEarly.getUTCDay()).toBe(0);
    expect(workingDaysEnd(sundayLate, 1)).toEqual(midnight(y, m, d + 1)); // Monday is the day
    expect(workingDaysEnd(mondayEarly, 1)).toEqual(midnight(y, m, d + 2)); // Tuesday is the day
  });

  it("30 working days are six whole weeks from a Monday", () => {
    expect(workingDaysEnd(beijing(y, m, d), 30)).toEqual(midnight(y, m, d + 43));
  });

  /** An independent count: step calendar days with Date.UTC, count weekdays, stop at the Nth. */
  function expected(from: [number, number, number], n: number): Date {
    let k = 0;
    for (let left = n; left > 0; ) {
      k++;
      const wd = new Date(Date.UTC(from[0], from[1], from[2] + k)).getUTCDay();
      if (wd !== 0 && wd !== 6) left--;
    }
    return midnight(from[0], from[1], from[2] + k + 1);
  }

  it.each([
    ["the turn of the year", 11, 15],
    ["the end of February (a leap year among the next four)", 1, 15],
    ["the end of a 30-day month", 3, 20],
  ])("across %s, every selection day and period length agrees with a day-by-day count", (_what, month, startDay) => {
    // Four consecutive years, so a leap February and every weekday of the month end come up.
    for (let year = thisYear; year < thisYear + 4; year++) {
      for (let day = startDay; day < startDay + 25; day++) {
        for (let n = 1; n <= 12; n++) {
          const at = beijing(year, month, day, 15, 30);
          const end = workingDaysEnd(at, n);
          const selected = new Date(Date.UTC(year, month, day));
          expect(end, `${selected.toISOString().slice(0, 10)} + ${n}`).toEqual(expected([year, month, day], n));
          // It always ends at 北京 midnight, after a weekday.
          expect((end.getTime() + 8 * 3_600_000) % DAY).toBe(0);
          expect([1, 2, 3, 4, 5]).toContain(new Date(end.getTime() + 8 * 3_600_000 - DAY).getUTCDay());
        }
      }
    }
  });
});
