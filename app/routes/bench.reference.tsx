import type { MetaFunction } from "@remix-run/node";
import { env } from "../utils/env.server";
import { notFound } from "../utils/http.server";

/**
 * The least a page can do inside the site's document shell (root loader, layout, styles): the
 * yardstick `npm run bench:pages` measures every key page against. Served only when the benchmark
 * starts the server with BENCH_REFERENCE_PAGE=1; elsewhere it is the ordinary 404.
 */
export async function loader() {
  if (!env.BENCH_REFERENCE_PAGE) throw notFound("您访问的页面不存在，请检查网址，或从首页重新进入。");
  return null;
}

export const meta: MetaFunction = () => [{ title: "基准参考页 · 利州技术转移对接平台" }];

export default function BenchReference() {
  return <h1>基准参考页</h1>;
}
