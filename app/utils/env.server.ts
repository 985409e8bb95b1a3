import { z } from "zod";
import { DEFAULT_BUSY_BUDGET_MS, DEFAULT_DATABASE_PATH } from "../../db/client.server";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default(DEFAULT_DATABASE_PATH),
  /** postgres://user:password@host:port/database: PostgreSQL instead of the SQLite file (Decision 63). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "应以 postgres:// 或 postgresql:// 开头")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** "1": serve reads only (maintenance); writes are refused with a clear message. */
  DATABASE_READONLY: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  /** How long a write waits for another process's lock (ms); unset, 0 or not a number: the default. */
  DATABASE_BUSY_BUDGET_MS: z
    .string()
    .optional()
    .transform((v) => Number(v) || DEFAULT_BUSY_BUDGET_MS),
  /** Use Meilisearch at this address instead of the embedded engine (with its key, if it has one). */
  MEILI_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  MEILI_MASTER_KEY: z.string().optional(),
  /** Where the web server listens (app/serve.server.ts). */
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).optional(),
  /** The password `create-admin` uses when none is given on the command line. */
  ADMIN_PASSWORD: z.string().min(1).optional(),
  /** Folder of uploaded documents (附件), named by content hash; back it up with the database. */
  FILES_DIR: z.string().min(1).default("./data/files"),
  /** Secure cookies need HTTPS (browsers also accept them on localhost); set "false" behind plain HTTP. */
  COOKIE_SECURE: z.enum(["true", "false"]).optional(),
  /** Base delay added to each sign-in attempt after repeated failures (ms). */
  LOGIN_SLOWDOWN_MS: z.coerce.number().int().min(0).max(10_000).default(1000),
  /** The pause before a source with no failures may try an account that is locked for others (ms). */
  LOGIN_LOCKED_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(3000),
  /**
   * How many reverse proxies in front of the site append the client's address to X-Forwarded-For.
   * 0 (default): the header is ignored and the source is the socket's address, which our server
   * (app/serve.server.ts) relays. Behind nginx or another TLS proxy: 1.
   */
  TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
  /** Where e-mail leaves, e.g. smtp://user:pass@mail.example.cn:587 or smtps://…:465. Without it mail waits in the outbox. */
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "应以 smtp:// 或 smtps:// 开头").optional(),
  /** The sender shown on every mail. */
  MAIL_FROM: z.string().min(3).default('"利州技术转移对接平台" <noreply@localhost>'),
  /** "1": serve /bench/reference, the yardstick page of `npm run bench:pages` (tests/bench/pages.ts). */
  BENCH_REFERENCE_PAGE: z
    .string()
    .optional()
    .transform((v) => v === "1"),
  /** The origin browsers see (e.g. https://techmatch.example.cn) when a proxy in front changes scheme or host. */
  PUBLIC_ORIGIN: z
    .url()
    .transform((u) => new URL(u).origin)
    .optional(),
});

const parsed = schema
  .refine((e) => !e.DATABASE_URL || e.MEILI_URL, {
    path: ["MEILI_URL"],
    message: "使用 PostgreSQL（DATABASE_URL）时必须同时配置 Meilisearch：内置搜索引擎只能用于 SQLite",
  })
  .safeParse(process.env);
if (!parsed.success) {
  throw new Error(`环境变量配置错误：${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("；")}`);
}

export const env = {
  ...parsed.data,
  cookieSecure: parsed.data.COOKIE_SECURE ? parsed.data.COOKIE_SECURE === "true" : parsed.data.NODE_ENV === "production",
};
