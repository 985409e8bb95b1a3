import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv, exportXlsx } from "../models/contract";
import { ledgerFilterSchema } from "../schemas/contract";
import { getDb } from "../utils/db.server";
import { requireBureau } from "../web/session.server";
import { beijingDate } from "../utils/time";
import { parseQuery } from "../schemas/parse";
import { errorAnswer } from "../web/form.server";
import { exportQuerySchema } from "../schemas/query";

/** The full ledger, or any filtered view of it, as XLSX or CSV: bureau staff only. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  const url = new URL(request.url);
  const filter = ledgerFilterSchema.parse(Object.fromEntries(url.searchParams));
  const { format } = parseQuery(exportQuerySchema, url);
  const name = `技术合同台账-${beijingDate().replaceAll("-", "")}.${format}`;
  const described = [...url.searchParams].filter(([k]) => k !== "format").map(([k, v]) => `${k}=${v}`).join("&") || "全部有效合同";
  // A workbook too big for its process, or a database fault, is a page with the reason, not a 500.
  const body = await (format === "csv" ? exportCsv(getDb(), filter) : exportXlsx(getDb(), filter, described)).catch((e: unknown) => {
    throw errorAnswer(e) ?? e;
  });
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="contracts.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
  });
}
