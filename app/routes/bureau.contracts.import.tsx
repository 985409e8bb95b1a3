import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { CsrfInput, SubmitButton } from "../components/ui/form";
import { importLedger, type ImportReport } from "../models/contract";
import { getDb } from "../utils/db.server";
import { attempt, readUpload } from "../web/form.server";
import { requireBureau } from "../web/session.server";

export const meta: MetaFunction = () => [{ title: "导入技术合同台账 · 区科技局 · 利州技术转移对接平台" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireBureau(request);
  return json({});
}

export async function action({ request }: ActionFunctionArgs) {
  const officer = await requireBureau(request);
  const { values, file } = await readUpload(request, "file");
  if (!file) return json({ ok: false as const, message: "请选择要导入的 XLSX 或 CSV 文件。", errors: { file: ["请选择文件"] }, values: {} }, { status: 400 });
  const intent = values.intent === "check" ? "check" : "import";
  // A file the import cannot read (ImportFileError) becomes a 400 with its message, like any DomainError.
  const r = await attempt(
    () => importLedger(getDb(), officer, file, { onlyValid: values.onlyValid === "yes", dryRun: intent === "check" }),
  );
  if (!r.ok) return r.response;
  return json({ ok: true as const, intent, report: r.value });
}

export default function ImportLedger() {
  const answer = useActionData<typeof action>();
  const done = answer && "report" in answer ? (answer as { intent: "check" | "import"; report: ImportReport }) : null;
  const report = done?.report ?? null;
  return (
    <>
      <p className="muted small"><Link to="/bureau/contracts">技术合同</Link> / 导入</p>
      <h1>导入技术合同台账</h1>
      <div className="card">
        <p>
          上传 Excel（.xlsx）或 CSV 文件：第一行为列名，从第二行起每行一份合同。列名和写法与
          <Link to="/bureau/contracts/export?format=xlsx" reloadDocument>导出的台账</Link>
          相同（金额以元为单位，精确到分；“12.5万”也可识别，“12,5万”这类含糊写法会被拒绝）。
        </p>
        <p className="muted small">
          登记号是合同的唯一标识：已登记且内容相同的行会被跳过，重复导入同一文件不会重复登记；
          已登记但内容不同的行不会被覆盖，请到合同页面更正。只要有一行有问题，默认整份文件都不导入。
        </p>
        <Form method="post" encType="multipart/form-data" reloadDocument>
          <CsrfInput />
          <div className="field">
            <label htmlFor="f-file">台账文件<span className="req" aria-hidden="true">*</span></label>
            <input id="f-file" type="file" name="file" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
          </div>
          <div className="choices field">
            <label><input type="checkbox" name="onlyValid" value="yes" /> 仅导入有效行（有问题的行跳过，不导入）</label>
          </div>
          <div className="row">
            <SubmitButton name="intent" value="import">导入</SubmitButton>
            <SubmitButton className="btn secondary" name="intent" value="check">只检查，不导入</SubmitButton>
          </div>
        </Form>
      </div>
      {report ? (
        <section className="card" aria-labelledby="report" role="status">
          <h2 id="report">导入结果：{report.fileName}</h2>
          <p className={report.written ? "alert ok" : report.problems.length ? "alert warn" : "alert info"}>
            共 {report.rows} 行：有效 {report.valid} 行（其中已登记且内容相同 {report.unchanged} 行，跳过），有问题 {report.problems.length} 行。
            {report.written
              ? `已导入 ${report.imported} 份合同。`
              : done?.intent === "check"
                ? "仅检查，未导入任何合同。"
                : report.problems.length
                  ? "因存在问题，未导入任何合同：请修改后重新上传，或勾选“仅导入有效行”。"
                  : "没有需要导入的新合同。"}
          </p>
          {report.problems.length ? (
            <div className="table-wrap">
              <table className="responsive">
                <thead><tr><th>行号</th><th>登记号</th><th>问题</th></tr></thead>
                <tbody>
                  {report.problems.map((p) => (
                    <tr key={p.row}>
                      <td data-label="行号">第 {p.row} 行</td>
                      <td data-label="登记号">{p.regNo || "—"}</td>
                      <td data-label="问题"><ul style={{ margin: 0, paddingLeft: "1.2em" }}>{p.messages.map((m, i) => <li key={i}>{m}</li>)}</ul></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
