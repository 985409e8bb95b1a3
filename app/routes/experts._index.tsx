import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { FieldFilter, FilterForm, KeywordFilter } from "../components/ui/filters";
import { Pagination } from "../components/ui/pagination";
import { listTechFields } from "../models/shared";
import { listProfiles } from "../models/account";
import { searchTextSchema } from "../schemas/fields";
import { getDb } from "../utils/db.server";
import { pageParam } from "../utils/http.server";
import { roleLabels } from "../utils/labels";
import { parseQuery } from "../schemas/parse";
import { profileQuerySchema } from "../schemas/query";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "专家与科研人员 · 利州技术转移对接平台" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const { field, experts } = parseQuery(profileQuerySchema, url);
  const q = searchTextSchema.parse(url.searchParams.get("q") ?? undefined);
  const db = getDb();
  const [list, fields] = await Promise.all([
    listProfiles(db, { field, q, expertsOnly: experts }, pageParam(url)),
    listTechFields(db),
  ]);
  return json({ ...list, fields, filters: Object.fromEntries(url.searchParams) });
}

export default function Experts() {
  const { rows, total, page, pageSize, fields, filters } = useLoaderData<typeof loader>();
  const fieldName = (code: string) => fields.find((f) => f.code === code)?.name ?? code;
  return (
    <>
      <h1>专家与科研人员</h1>
      <p className="muted">高校、科研院所科研人员的研究方向与代表性成果；标有“专家库”的可受邀参与榜单论证和评审。</p>
      <FilterForm label="筛选" clearTo="/experts">
        <KeywordFilter value={filters.q} label="姓名、机构或关键词" />
        <FieldFilter fields={fields} value={filters.field} label="研究领域" />
        <div className="choices" style={{ alignItems: "end" }}>
          <label><input type="checkbox" name="experts" value="1" defaultChecked={filters.experts === "1"} /> 只看专家库成员</label>
        </div>
      </FilterForm>
      <p className="muted small">共 {total} 位</p>
      {rows.length === 0 ? (
        <div className="card empty"><strong>没有符合条件的科研人员</strong>换个关键词或领域试试。</div>
      ) : (
        <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
          {rows.map((p) => (
            <li key={p.id} className="card">
              <h2 style={{ fontSize: "1.1rem", margin: 0 }}>
                <Link to={`/experts/${p.id}`}>{p.name}</Link> <span className="muted small">{p.title}</span>
              </h2>
              <p className="muted small" style={{ margin: "4px 0" }}>
                {p.org_name}
                {p.role === "expert" ? <span className="badge info" style={{ marginLeft: 6 }}>专家库</span> : <span className="visually-hidden"> · {roleLabels[p.role]}</span>}
              </p>
              <p className="small" style={{ margin: 0 }}>{p.field_codes.split(",").map(fieldName).join("、")} · {p.keywords}</p>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} />
    </>
  );
}
