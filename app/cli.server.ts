/**
 * Operations from the command line (see the scripts table in the README):
 *   migrate | seed | reset | setup | reindex | serve-meili | files-sweep | create-admin --name 姓名 (--email x | --mobile y) [--password p]
 * `setup` is what `npm start` runs: migrate, then seed demo data into an empty database.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { databaseState, isPostgresUrl, type DB } from "../db/client.server";
import { migrateToLatest, pendingMigrations } from "../db/migrate";
import { isEmpty, seedDemo, seedReference } from "../seeds";
import { spawn } from "node:child_process";
import path from "node:path";
import { configureSearch, readingOwnWrites, setSearchEngine } from "../search";
import { sqliteEngine } from "../search/sqlite/engine";
import { startMeilisearch } from "../search/meilisearch/local-server";
import { diskStore } from "./files/store.server";
import { createBureauAdmin } from "./models/account";
import { sweepFiles } from "./models/shared";
import { accountSchema } from "./schemas/fields";
import { passwordSchema, personNameSchema } from "./schemas/auth";
import { parse } from "./schemas/parse";
import { openAppDatabase } from "./utils/db.server";
import { env } from "./utils/env.server";
import { searchEngine } from "./utils/search.server";
import { clock } from "./utils/time";
import { serverArgs } from "./web/server-process";

const file = env.DATABASE_URL ?? env.DATABASE_PATH;
/** What the messages name: the file, or the PostgreSQL address without its password. */
const where = isPostgresUrl(file) ? file.replace(/:[^:@/]*@/, ":***@") : file;

async function prepare(db: DB, { demo }: { demo: boolean }) {
  const applied = await migrateToLatest(db);
  if (applied.length) console.log(`已执行迁移：${applied.join(", ")}`);
  // The embedded index's documents written before keyword extraction existed carry no terms until
  // rebuilt; 0027 emptied it to give every document a rowid that says its kind.
  if (applied.includes("0006_search_terms") || applied.includes("0027_search_rowids")) await sqliteEngine.reindex(db);
  // Meilisearch learns the new filterable attribute (industry_code) only from a rebuild's settings.
  // A fresh PostgreSQL database (its baseline includes 0018) needs the index and its settings just the same.
  if ((applied.includes("0018_industries") || applied.includes("0023_postgres_baseline")) && env.MEILI_URL) {
    await searchEngine().reindex(db).catch((e) => console.warn(`迁移 0018 后重建 Meilisearch 索引失败，请稍后运行 npm run search:reindex：${e instanceof Error ? e.message : e}`));
  }
  await seedReference(db);
  if (demo && (await isEmpty(db))) {
    const n = await seedDemoSearching(db);
    console.log(`已写入演示数据：${n.organizations} 个机构、${n.users} 个账号、${n.challenges} 个榜单、${n.results} 项科技成果、${n.contracts} 份技术合同、${n.events} 场对接会（密码见 README）`);
  }
}

/**
 * The demo seed searches as it writes (候选对接, the 对接会 scheduler's pair values): on Meilisearch
 * its searches must see what it wrote a moment before. The index is rebuilt at the end.
 */
async function seedDemoSearching(db: DB) {
  const engine = searchEngine();
  setSearchEngine(readingOwnWrites(engine));
  try {
    const n = await seedDemo(db, clock.now());
    if (engine.relay) await engine.reindex(db);
    return n;
  } finally {
    setSearchEngine(engine);
  }
}

async function readPassword(given: string | undefined): Promise<string> {
  if (given) return given;
  if (env.ADMIN_PASSWORD) return env.ADMIN_PASSWORD;
  if (!process.stdin.isTTY) return (fs.readFileSync(0, "utf8").split("\n")[0] ?? "").trim();
  const { createInterface } = await import("node:readline/promises");
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const pw = await rl.question("请输入管理员密码（至少 8 位，含字母和数字）：");
  rl.close();
  return pw;
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === "reset" && !isPostgresUrl(file)) {
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const db = openAppDatabase(file);
  // A PostgreSQL database is emptied in place: its tables go, the database and its grants stay.
  if (command === "reset" && isPostgresUrl(file)) await sql`drop schema public cascade; create schema public`.execute(db);
  try {
    const { mode, readonlyReason } = databaseState(db);
    if (mode === "readonly") {
      // Serving reads needs nothing written; anything else here writes and would fail half-way.
      const pending = await pendingMigrations(db);
      if (command !== "setup" || pending.length) {
        throw new Error(`数据库为只读（${readonlyReason}），无法执行 ${command}${pending.length ? `；尚有未执行的迁移：${pending.join(", ")}` : ""}。请恢复写权限后重试。`);
      }
      console.log(`数据库为只读（${readonlyReason}）：跳过迁移与演示数据，网站只接受浏览。`);
      return;
    }
    switch (command) {
      case "migrate":
        await migrateToLatest(db);
        await seedReference(db);
        console.log(`数据库已是最新：${where}`);
        break;
      case "seed":
      case "reset":
      case "setup":
        await prepare(db, { demo: true });
        console.log(`数据库就绪：${where}`);
        break;
      case "reindex": {
        await migrateToLatest(db);
        const n = await searchEngine().reindex(db);
        console.log(`搜索索引已重建：${n} 条文档`);
        break;
      }
      case "serve-meili": {
        // A local Meilisearch from the packaged binary, data under ./data/meili; the site runs against it.
        const meili = await startMeilisearch({ dataDir: path.resolve("data/meili"), port: 7700 });
        configureSearch({ meiliUrl: meili.url, meiliKey: meili.key });
        setSearchEngine(undefined);
        await migrateToLatest(db);
        console.log(`Meilisearch 已启动：${meili.url}，正在重建索引…`);
        console.log(`搜索索引已重建：${await searchEngine().reindex(db)} 条文档`);
        const site = spawn(process.execPath, serverArgs(), { stdio: "inherit", env: { ...process.env, MEILI_URL: meili.url, MEILI_MASTER_KEY: meili.key } });
        const stop = () => site.kill("SIGTERM");
        process.on("SIGINT", stop).on("SIGTERM", stop);
        await new Promise((r) => site.once("exit", r));
        await meili.stop();
        break;
      }
      case "files-sweep": {
        // Daily is enough (cron or any scheduler): staged uploads and orphaned blobs older than a day go.
        const dir = env.FILES_DIR;
        const n = await sweepFiles(db, diskStore(dir), clock.now());
        console.log(`附件清理完成（${dir}）：未保存的暂存上传 ${n.staged} 个，无引用的文件 ${n.blobs} 个，未完成的上传 ${n.partial} 个`);
        break;
      }
      case "create-admin": {
        const { values } = parseArgs({
          args: rest,
          options: { name: { type: "string" }, email: { type: "string" }, mobile: { type: "string" }, password: { type: "string" } },
        });
        const account = parse(accountSchema, values.email ?? values.mobile ?? "");
        const name = personNameSchema.safeParse(values.name ?? "");
        if (!name.success || !account.ok) throw new Error("用法：npm run user:create-admin -- --name 姓名 --email 邮箱（或 --mobile 手机号）[--password 密码]");
        const password = parse(passwordSchema, await readPassword(values.password));
        if (!password.ok) throw new Error(Object.values(password.errors).flat().join("；"));
        await prepare(db, { demo: false });
        const id = await createBureauAdmin(db, { name: name.data, account: account.data, password: password.data });
        console.log(`已创建区科技局管理员（用户编号 ${id}），可用该账号登录。`);
        break;
      }
      default:
        throw new Error("用法：tsx app/cli.server.ts migrate|seed|reset|setup|reindex|serve-meili|files-sweep|create-admin");
    }
  } finally {
    await db.destroy();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? (process.env.DEBUG ? e.stack : e.message) : e);
  process.exit(1);
});
