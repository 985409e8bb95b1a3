import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    root: ".",
    // tests/postgres/ holds PostgreSQL's own fault tests: only with TEST_DATABASE_URL (npm test's PostgreSQL stage).
    include: ["tests/{unit,models,routes,search,build,db}/**/*.test.{ts,tsx}", ...(process.env.TEST_DATABASE_URL ? ["tests/postgres/**/*.test.ts"] : [])],
    environment: "node",
    setupFiles: ["tests/support/setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
