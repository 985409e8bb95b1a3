/**
 * `npm run start:pg`: the site on PostgreSQL (DATABASE_URL, required) searching with Meilisearch:
 * MEILI_URL if it is set, otherwise a local one from the packaged binary (data under ./data/meili,
 * port 7700, as `npm run start:meili`), stopped with the site. Then `setup` (migrations, demo data
 * into an empty database, the search index) and the web server. A launcher, so it reads and hands
 * on the environment itself: the env schema refuses DATABASE_URL without MEILI_URL, which only
 * exists once the local Meilisearch is up.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { startMeilisearch } from "../search/meilisearch/local-server";
import { serverArgs } from "./web/server-process";

const tsx = "node_modules/.bin/tsx";

if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) {
  console.error("npm run start:pg 需要 PostgreSQL 数据库地址，例如：DATABASE_URL=postgres://用户:密码@127.0.0.1:5432/techmatch npm run start:pg");
  process.exit(1);
}

const meili = process.env.MEILI_URL ? null : await startMeilisearch({ dataDir: path.resolve("data/meili"), port: 7700 });
if (meili) console.log(`本地 Meilisearch 已启动：${meili.url}（数据在 data/meili）`);
const env = meili ? { ...process.env, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key } : process.env;

let status = spawnSync(tsx, ["app/cli.server.ts", "setup"], { stdio: "inherit", env }).status ?? 1;
if (status === 0) {
  const site = spawn(process.execPath, serverArgs(), { stdio: "inherit", env });
  const stop = () => site.kill("SIGTERM");
  process.on("SIGINT", stop).on("SIGTERM", stop);
  status = await new Promise<number>((resolve) => site.once("exit", (code) => resolve(code ?? 0)));
}
await meili?.stop();
process.exit(status);
