import fs from "node:fs";
import os from "node:os";
import path from "node:path";
// Before any application module reads its environment.
process.env.NODE_ENV = "test";
process.env.LOGIN_SLOWDOWN_MS = "0";
process.env.COOKIE_SECURE = "false";
// Tests stand in for one reverse proxy: a request's X-Forwarded-For names its source.
process.env.TRUSTED_PROXIES = "1";
// Short, but long enough to observe that passing an account's lock waits.
process.env.LOGIN_LOCKED_DELAY_MS = "300";
// Uploaded documents (and the demo seed's) go to a folder of this run, never ./data/files.
process.env.FILES_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "techmatch-files-run-"));
process.on("exit", () => fs.rmSync(process.env.FILES_DIR!, { recursive: true, force: true }));
