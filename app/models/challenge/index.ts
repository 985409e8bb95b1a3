// The public surface of challenge: code outside this folder imports from here only.
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
export * from "./rules";
export * from "./visibility";
