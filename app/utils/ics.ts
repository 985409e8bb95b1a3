/**
 * A minimal iCalendar (RFC 5545) writer for agendas: CRLF line ends, TEXT values escaped (§3.3.11),
 * lines folded at 75 octets without splitting a UTF-8 character (§3.1), times in UTC.
 */
export interface IcsEvent {
  /** Stable across downloads, so calendars update an entry instead of duplicating it. */
  uid: string;
  start: string; // ISO instant
  end: string;
  /** When the entry last changed (DTSTAMP). */
  stamp: string;
  summary: string;
  location?: string;
  description?: string;
  tentative?: boolean;
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r\n|\r|\n/g, "\\n");
}

/** 2026-03-01T01:30:00.000Z → 20260301T013000Z */
export function icsTime(iso: string): string {
  return new Date(iso).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Fold one content line: at most 75 octets per physical line, continuation lines begin with a space. */
const utf8 = new TextEncoder();

export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let bytes = 0;
  for (const ch of line) {
    const n = utf8.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74; // the leading space of a continuation counts
    if (bytes + n > limit) {
      out.push(current);
      current = "";
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  out.push(current);
  return out.join("\r\n ");
}

export function buildCalendar(name: string, events: readonly IcsEvent[]): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lizhou TechMatch//Matchmaking//ZH", "CALSCALE:GREGORIAN", "METHOD:PUBLISH", `X-WR-CALNAME:${escapeText(name)}`, "X-WR-TIMEZONE:Asia/Shanghai"];
  for (const e of events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${e.uid}`,
      `DTSTAMP:${icsTime(e.stamp)}`,
      `DTSTART:${icsTime(e.start)}`,
      `DTEND:${icsTime(e.end)}`,
      `SUMMARY:${escapeText(e.summary)}`,
    );
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.description) lines.push(`DESCRIPTION:${escapeText(e.description)}`);
    lines.push(`STATUS:${e.tentative ? "TENTATIVE" : "CONFIRMED"}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
