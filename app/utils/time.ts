/** Timestamps are stored as ISO strings in UTC and shown in 北京时间. */
export function nowIso(): string {
  return new Date().toISOString();
}

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

/** 2026年11月29日 */
export function formatDate(iso: string): string {
  return dateFmt.format(new Date(iso));
}

/** 2026年11月29日 11:42 */
export function formatDateTime(iso: string): string {
  return dateTimeFmt.format(new Date(iso));
}

/** An example milestone line ("年-月-日 名称") dated next year, so the example never lies in the past. */
export const milestoneExample = (now = new Date()) => `${now.getFullYear() + 1}-03-31 完成小试`;
