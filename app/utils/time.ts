/**
 * Time, in one place. Instants are stored as ISO strings in UTC; a "day" (YYYY-MM-DD: a deadline's
 * date, an event date, 登记日期) is a calendar day in 北京时间, which is UTC+8 all year (no DST),
 * so a 北京 day is computed by offset, never by the server's own time zone. Client-safe: no zod,
 * no Node modules. README Decision 53.
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

let fixedAt: number | null = null;

/**
 * The clock every loader, action and loop reads "now" from; models take `now` as a parameter and
 * default to it. Tests may stop it at an instant (`clock.set`) and must release it (`clock.reset`).
 */
export const clock = {
  now(): Date {
    return fixedAt == null ? new Date() : new Date(fixedAt);
  },
  set(at: Date | string): void {
    fixedAt = typeof at === "string" ? Date.parse(at) : at.getTime();
  },
  reset(): void {
    fixedAt = null;
  },
};

export function nowIso(): string {
  return clock.now().toISOString();
}

// ——— 北京 days ———

/** The 北京 calendar day of an instant, YYYY-MM-DD (today's by default). */
export function beijingDate(at: Date = clock.now()): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a minute of a 北京 day begins (0 = its midnight), as an ISO string in UTC. */
export function beijingInstant(day: string, minutes = 0): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - BEIJING_OFFSET_MS + minutes * 60_000).toISOString();
}

/** The 北京 midnight a day begins: registration windows open then. */
export const startOfBeijingDay = (day: string): string => beijingInstant(day, 0);

/** The last second of a 北京 day: deadlines and windows close then. */
export const endOfBeijingDay = (day: string): string => new Date(Date.parse(beijingInstant(day, 24 * 60)) - 1000).toISOString();

/** Whole days from one 北京 day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The calendar day `months` after a day (the 1/3/6-month follow-ups), at 北京 midnight; the 31st falls back to the month's last day. */
export function monthsAfter(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  const iso = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
  return beijingInstant(iso, 0);
}

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
    day += DAY_MS;
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return new Date(day + DAY_MS - BEIJING_OFFSET_MS);
}

/** The last day of a period that ends at `end` (exclusive), as an instant inside that 北京 day. */
export function lastDayOf(end: string): string {
  return new Date(Date.parse(end) - 1).toISOString();
}

// ——— minutes of a day (对接会 blocks and slots) ———

/** 570 → "09:30" */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "09:30" → 570, or null. */
export function parseHhmm(s: string): number | null {
  const m = /^([01]?\d|2[0-4]):([0-5]\d)$/.exec(s.trim());
  if (!m) return null;
  const v = Number(m[1]) * 60 + Number(m[2]);
  return v <= 1440 ? v : null;
}

// ——— shown in 北京时间 ———

const dateFmt = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });
const dateTimeFmt = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** An instant's 北京 date: 2026年11月29日 */
export function formatDate(iso: string): string {
  return dateFmt.format(new Date(iso));
}

/** A 北京 day (YYYY-MM-DD) in words: 2026年11月29日 */
export function formatDay(day: string): string {
  return formatDate(beijingInstant(day, 12 * 60));
}

/** 2026年11月29日 11:42 */
export function formatDateTime(iso: string): string {
  return dateTimeFmt.format(new Date(iso));
}

/**
 * How far a deadline is from `now`, in exact words: "将于 20 小时后截止", "将于 3 天后截止",
 * "已逾期 2 天". Hours under two days, whole days beyond (rounded down: never promise more time).
 */
export function dueText(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  if (ms > 0) {
    if (ms < HOUR_MS) return `将于 ${Math.max(1, Math.floor(ms / 60_000))} 分钟后截止`;
    if (ms < 2 * DAY_MS) return `将于 ${Math.floor(ms / HOUR_MS)} 小时后截止`;
    return `将于 ${Math.floor(ms / DAY_MS)} 天后截止`;
  }
  const late = -ms;
  if (late < DAY_MS) return `已逾期 ${Math.max(1, Math.floor(late / HOUR_MS))} 小时`;
  return `已逾期 ${Math.floor(late / DAY_MS)} 天`;
}

/** An example milestone line ("年-月-日 名称") dated next year, so the example never lies in the past. */
export const milestoneExample = (now = clock.now()) => `${Number(beijingDate(now).slice(0, 4)) + 1}-03-31 完成小试`;
