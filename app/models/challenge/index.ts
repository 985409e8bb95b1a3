// The public surface of challenge/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./rules";
export * from "./visibility";
export * from "./award-gate.server";
export * from "./award.server";
export * from "./bid.server";
export * from "./challenge.server";
export * from "./deadline.server";
export * from "./delivery.server";
export * from "./expert-picker.server";
export * from "./follow.server";
export * from "./milestone-report.server";
export * from "./policy.server";
export * from "./queries.server";
