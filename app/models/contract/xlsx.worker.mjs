// The ledger's workbooks, read and written in a process of their own (see xlsx.server.ts for why).
// Plain JavaScript: it is started from this file on disk, outside the Remix bundle and tsx.
import ExcelJS from "exceljs";

/** A cell as text, and whether Excel stored it as a number (a 登记号 typed as a number loses digits). */
function cellText(v) {
  if (v == null) return { text: "", numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  if (typeof v === "number") return { text: String(v), numeric: true };
  if (typeof v === "string" || typeof v === "boolean") return { text: String(v), numeric: false };
  if ("richText" in v) return { text: v.richText.map((t) => t.text).join(""), numeric: false };
  if ("result" in v) return cellText(v.result);
  if ("text" in v) return { text: String(v.text), numeric: false };
  return { text: "", numeric: false };
}

async function read({ bytes, maxRows, maxColumns }) {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    return { ok: false, reason: "unreadable" };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, reason: "no-sheet" };
  const rows = [];
  ws.eachRow({ includeEmpty: false }, (r, row) => {
    if (rows.length >= maxRows) return;
    const cells = [];
    for (let c = 1; c <= Math.min(r.cellCount, maxColumns); c++) cells.push(cellText(r.getCell(c).value));
    rows.push({ row, cells });
  });
  return { ok: true, rows };
}

async function write({ creator, sheets }) {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    sheet.rows.forEach((cells, i) => {
      const row = ws.addRow(cells);
      if (i === 0 && sheet.boldHeader) row.font = { bold: true };
    });
    (sheet.columns ?? []).forEach(({ numFmt, width }, i) => {
      if (numFmt) ws.getColumn(i + 1).numFmt = numFmt;
      if (width) ws.getColumn(i + 1).width = width;
    });
    if (sheet.frozenHeader) ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  return { ok: true, bytes: new Uint8Array(await wb.xlsx.writeBuffer()) };
}

process.once("message", async (job) => {
  const answer = await (job.op === "read" ? read(job) : write(job));
  process.send(answer, () => process.disconnect());
});
