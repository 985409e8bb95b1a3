import { describe, expect, it } from "vitest";
import { buildCalendar, escapeText, foldLine, icsTime } from "../../app/utils/ics";
import { slotStarts } from "../../app/models/event/schedule";
import { beijingInstant, monthsAfter } from "../../app/utils/time";

describe("iCalendar writer (RFC 5545)", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY:${"对接洽谈".repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    for (const p of parts.slice(1)) expect(p.startsWith(" ")).toBe(true);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(foldLine("SHORT:1")).toBe("SHORT:1");
  });

  it("writes UTC times, CRLF line ends and a stable UID", () => {
    const start = beijingInstant("2026-03-01", 9 * 60 + 30);
    expect(icsTime(start)).toBe("20260301T013000Z");
    const cal = buildCalendar("测试", [{ uid: "event-1-meeting-2@x", start, end: start, stamp: start, summary: "洽谈，第 1 桌", location: "会议室, 3 楼" }]);
    expect(cal.split("\r\n").filter(Boolean).every((l) => !l.includes("\n"))).toBe(true);
    expect(cal).toContain("DTSTART:20260301T013000Z\r\n");
    expect(cal).toContain("SUMMARY:洽谈，第 1 桌\r\n");
    expect(cal).toContain("LOCATION:会议室\\, 3 楼\r\n");
    expect(cal).toContain("UID:event-1-meeting-2@x\r\n");
    expect(cal.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });
});

describe("event time arithmetic", () => {
  it("cuts blocks into whole slots and drops a short tail", () => {
    expect(slotStarts([{ start_min: 540, end_min: 610 }, { start_min: 840, end_min: 900 }], 30)).toEqual([540, 570, 840, 870]);
  });
  it("follow-up checkpoints land on the same day of a later month, or its last day", () => {
    expect(monthsAfter("2026-01-31", 1)).toBe(beijingInstant("2026-02-28", 0));
    expect(monthsAfter("2026-10-15", 3)).toBe(beijingInstant("2027-01-15", 0));
  });
});
