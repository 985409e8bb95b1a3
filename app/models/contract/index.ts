// The public surface of contract/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./disclosure";
export * from "./rules";
export * from "./target";
export * from "./contract.server";
export * from "./dashboard.server";
export * from "./fields.server";
export * from "./io.server";
export * from "./public-snapshot.server";
