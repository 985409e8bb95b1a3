/**
 * 对接会 time arithmetic shared by pages and models: an event is a day in 北京时间 (UTC+8, no DST)
 * with meeting blocks in minutes after its midnight; slots are the blocks cut into equal lengths.
 */
export interface Block {
  start_min: number;
  end_min: number;
}

/** Start minutes of every whole slot in the blocks, in order (a short tail of a block is dropped). */
export function slotStarts(blocks: readonly Block[], slotMinutes: number): number[] {
  const out: number[] = [];
  for (const b of [...blocks].sort((x, y) => x.start_min - y.start_min)) {
    for (let m = b.start_min; m + slotMinutes <= b.end_min; m += slotMinutes) out.push(m);
  }
  return out;
}

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

/** The instant a minute of the event day begins, as an ISO string in UTC. */
export function eventInstant(eventDate: string, minutes: number): string {
  return new Date(Date.parse(`${eventDate}T00:00:00+08:00`) + minutes * 60_000).toISOString();
}

/** The calendar day `months` after the event day (the 1/3/6-month follow-ups), at 北京 midnight. */
export function monthsAfter(eventDate: string, months: number): string {
  const [y, m, d] = eventDate.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 0)).getUTCDate();
  const day = String(Math.min(d, last)).padStart(2, "0");
  const iso = `${t.getUTCFullYear()}-${String(t.getUTCMonth() + 1).padStart(2, "0")}-${day}`;
  return eventInstant(iso, 0);
}

/** Today's date in 北京时间, YYYY-MM-DD. */
export function beijingDate(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
