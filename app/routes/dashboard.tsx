import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BureauDashboard } from "../components/dashboard/bureau-view";
import { PublicDashboard } from "../components/dashboard/public-view";
import { dashboard, dayOfYear, targetFen, lastPublication, latestPublicSnapshot } from "../models/contract";
import { isBureauStaff } from "../models/shared";
import { parseQuery } from "../schemas/parse";
import { dashboardQuerySchema } from "../schemas/query";
import { getDb } from "../utils/db.server";
import { getUser } from "../web/session.server";
import { sharedPage } from "../web/shared-pages.server";

export const meta: MetaFunction = () => [{ title: "数据看板 · 技术合同登记交易额 · 利州技术转移对接平台" }];

// The same for every anonymous visitor: rendered once for all of them (Decision 67).
export const headers = sharedPage;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const { year } = parseQuery(dashboardQuerySchema, request);
  if (isBureauStaff(user)) {
    // The bureau's view is exact and live; the public one is what the bureau last published.
    return json({ full: true as const, d: await dashboard(getDb(), { year }), published: await lastPublication(getDb()) });
  }
  const snapshot = await latestPublicSnapshot(getDb());
  const current = snapshot?.series[snapshot.series.length - 1];
  const proRata = snapshot && current ? proRataOf(current.year, snapshot.asOf) : null;
  return json({ full: false as const, s: snapshot, year: year ?? snapshot?.currentYear ?? 0, proRata });
}

/** This year's target so far: the share of the year up to the publication day. */
function proRataOf(year: number, asOf: string) {
  const { day, days } = dayOfYear(asOf);
  return { fen: Math.round((targetFen(year) * day) / days), day, days };
}

export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  if (!data.full) return <PublicDashboard s={data.s} year={data.year} proRata={data.proRata} />;
  return <BureauDashboard dash={data.d} published={data.published} />;
}
