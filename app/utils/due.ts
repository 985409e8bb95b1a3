const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * How far a deadline is from `now`, in exact words: "将于 20 小时后截止", "将于 3 天后截止",
 * "已逾期 2 天". Hours under two days, whole days beyond (rounded down: never promise more time).
 */
export function dueText(dueAt: string, now: Date): string {
  const ms = Date.parse(dueAt) - now.getTime();
  if (ms > 0) {
    if (ms < HOUR) return `将于 ${Math.max(1, Math.floor(ms / 60_000))} 分钟后截止`;
    if (ms < 2 * DAY) return `将于 ${Math.floor(ms / HOUR)} 小时后截止`;
    return `将于 ${Math.floor(ms / DAY)} 天后截止`;
  }
  const late = -ms;
  if (late < DAY) return `已逾期 ${Math.max(1, Math.floor(late / HOUR))} 小时`;
  return `已逾期 ${Math.floor(late / DAY)} 天`;
}
