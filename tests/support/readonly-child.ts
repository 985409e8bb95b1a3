/**
 * Run by tests/routes/database-faults.test.ts inside a private mount namespace where the database
 * folder (DATABASE_PATH) is mounted read-only: it calls the real loaders and actions and prints
 * what a person would see as one JSON line.
 */
import { loader as dashboardLoader } from "../../app/routes/dashboard";
import { action as newChallenge } from "../../app/routes/challenges.new";
import { loader as healthz } from "../../app/routes/healthz";
import { databaseReadonly } from "../../app/utils/db.server";
import { body, call, get, post, type Browser } from "./http";

// The signed-in browser and the form come from the test (support/challenges.ts needs vitest).
const browser = JSON.parse(process.env.BROWSER!) as Browser;
const form = JSON.parse(process.env.FORM!) as Record<string, string>;
const read = await call(dashboardLoader, get("/dashboard", browser));
const write = await call(newChallenge, post("/challenges/new", form, browser));
const written = await body(write);
const health = await call(healthz, get("/healthz"));
console.log(
  JSON.stringify({
    read: read.status,
    // What the root loader puts in the banner (root.tsx imports CSS, which plain Node cannot load).
    readonly: databaseReadonly(),
    write: { status: write.status, message: written.message, title: written.values?.title },
    health: { status: health.status, database: (await body(health)).database },
  }),
);
