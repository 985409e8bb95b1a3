import { beijingDate } from "./event-time";

const DAY = 86_400_000;
const BEIJING_OFFSET = 8 * 3_600_000;

/**
 * The end of a period of `workingDays` working days that starts the day after `now`, in 北京时间:
 * the instant of 北京 midnight after its last working day (so the period is open while the clock
 * is before it). Working days are Monday to Friday; statutory holidays and 调休 weekends are not
 * modelled (README, Decision 35), so a period over 国庆 ends earlier than a calendar would say.
 */
export function workingDaysEnd(now: Date, workingDays: number): Date {
  // The 北京 calendar day as a UTC midnight, so getUTCDay() is the 北京 weekday.
  let day = Date.parse(`${beijingDate(now)}T00:00:00Z`);
  for (let left = workingDays; left > 0; ) {
    day += DAY;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(day + DAY - BEIJING_OFFSET);
}

/** The last day of a period that ends at `end` (exclusive), as an instant inside that 北京 day. */
export function lastDayOf(end: string): string {
  return new Date(Date.parse(end) - 1).toISOString();
}
