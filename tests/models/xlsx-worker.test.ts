import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readFirstSheet, writeWorkbook } from "../../app/models/contract/xlsx.server";
import { DomainError } from "../../app/utils/errors";

/** Workbooks are read and written in a worker thread with a heap of its own (README Decision 72). */
describe("the ledger's workbook worker", () => {
  it("writes sheets the way they were described and reads the first one back as text", async () => {
    const bytes = await writeWorkbook("测试", [
      { name: "技术合同", rows: [["登记号", "金额（元）"], ["2025510802100001", 1234.5]], boldHeader: true, frozenHeader: true, columns: [{ width: 20 }, { numFmt: "#,##0.00" }] },
      { name: "说明", rows: [["合同份数", 1]] },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["技术合同", "说明"]);
    expect(wb.worksheets[0].getRow(1).font?.bold).toBe(true);
    expect(wb.worksheets[0].getColumn(2).numFmt).toBe("#,##0.00");
    expect(await readFirstSheet(bytes, { maxRows: 10, maxColumns: 60 })).toEqual([
      { row: 1, cells: [{ text: "登记号", numeric: false }, { text: "金额（元）", numeric: false }] },
      { row: 2, cells: [{ text: "2025510802100001", numeric: false }, { text: "1234.5", numeric: true }] },
    ]);
    expect(await readFirstSheet(bytes, { maxRows: 1, maxColumns: 1 })).toEqual([{ row: 1, cells: [{ text: "登记号", numeric: false }] }]);
  });

  it("says so when a file is not a workbook", async () => {
    expect(await readFirstSheet(Buffer.from("PK\u0003\u0004 not a zip"), { maxRows: 10, maxColumns: 60 })).toBe("unreadable");
  });

  it("turns a workbook too big for the worker's heap into a 400 with a message, and keeps working", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => [`2025510802${String(i).padStart(6, "0")}`, `项目名称 ${i}`, i * 1.5]);
    const bytes = await writeWorkbook("测试", [{ name: "大表", rows }]);
    const refused = await readFirstSheet(bytes, { maxRows: 30_000, maxColumns: 60, heapMb: 16 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ status: 400, message: expect.stringContaining("文件太大") });
    // The next file is read as usual: only the worker died.
    expect(await readFirstSheet(bytes, { maxRows: 2, maxColumns: 60 })).toHaveLength(2);
  });
});
