import { fork } from "node:child_process";
import path from "node:path";
import { DomainError } from "../../utils/errors";

/**
 * ExcelJS holds a whole workbook in memory: a 20,000-row ledger takes the better part of a
 * gigabyte at its peak, several times what the web server needs for its pages. So workbooks are
 * read and written in a short-lived process with a heap of its own, and the server's heap can stay
 * small (README Decision 72): a workbook too big even for that fails alone, with a message, and the
 * pages being served meanwhile never notice. A process, not a worker thread: V8's heap flag is
 * process-wide and overrides a worker's own limit.
 */
const WORKER = path.resolve("app/models/contract/xlsx.worker.mjs");
/** The worker's heap: the largest file the ledger accepts (20,000 rows) needs about 1 GB. */
const WORKER_HEAP_MB = 1536;

export interface Sheet {
  name: string;
  rows: (string | number)[][];
  boldHeader?: boolean;
  frozenHeader?: boolean;
  columns?: { numFmt?: string; width?: number }[];
}
export interface SheetRow {
  row: number;
  cells: { text: string; numeric: boolean }[];
}
type Answer = { ok: true; rows?: SheetRow[]; bytes?: Uint8Array } | { ok: false; reason: "unreadable" | "no-sheet" };

function inWorker(job: object, tooLarge: string, heapMb = WORKER_HEAP_MB): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const worker = fork(WORKER, [], { execArgv: [`--max-old-space-size=${heapMb}`], serialization: "advanced", stdio: ["ignore", "ignore", "pipe", "ipc"] });
    let stderr = "";
    // The head of stderr, not its tail: V8's "heap out of memory" line comes first, followed by a
    // native stack trace that can run past any tail we keep (it once pushed the line out of 2,000).
    // Decoded as a stream, so a character split between two chunks stays whole.
    worker.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      if (stderr.length < 16_000) stderr += chunk;
    });
    let answer: Answer | undefined;
    worker.once("message", (m) => void (answer = m as Answer));
    worker.once("error", reject);
    // "close", not "exit": a process can exit before all of its stderr has been read.
    worker.once("close", (code, signal) => {
      if (answer) return resolve(answer);
      const lines = stderr.trim().split("\n");
      const outOfMemory = /heap out of memory/.test(stderr);
      // V8's own line ("FATAL ERROR: … heap out of memory"), not the native stack printed after it.
      const cause = lines.find((l) => /FATAL ERROR|Error\b/.test(l)) ?? lines.at(-1);
      console.error(`Excel 工作簿处理失败（退出 ${code ?? signal}）：${cause ?? "无输出"}`);
      reject(outOfMemory ? new DomainError(tooLarge, 400) : new Error(`Excel 处理进程异常退出（${code ?? signal}）`));
    });
    worker.send(job);
  });
}

/** An .xlsx file of these sheets. */
export async function writeWorkbook(creator: string, sheets: Sheet[]): Promise<Buffer> {
  const answer = await inWorker({ op: "write", creator, sheets }, "要导出的内容太多，请缩小筛选范围后分批导出。");
  if (!answer.ok || !answer.bytes) throw new Error("Excel 处理进程没有返回文件");
  return Buffer.from(answer.bytes.buffer, answer.bytes.byteOffset, answer.bytes.byteLength);
}

/** The first worksheet's non-empty rows as text (at most `maxRows` rows of `maxColumns` cells), or why it cannot be read. */
export async function readFirstSheet(
  bytes: Buffer,
  { maxRows, maxColumns, heapMb }: { maxRows: number; maxColumns: number; heapMb?: number },
): Promise<SheetRow[] | "unreadable" | "no-sheet"> {
  const job = { op: "read", bytes: new Uint8Array(bytes), maxRows, maxColumns };
  const answer = await inWorker(job, "文件太大，服务器无法读取，请分成几个较小的文件后再导入。", heapMb);
  return answer.ok ? (answer.rows ?? []) : answer.reason;
}
