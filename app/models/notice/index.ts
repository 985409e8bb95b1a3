// The public surface of notice/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./categories";
export * from "./mail.server";
export * from "./notification.server";
export * from "./reminders.server";
export * from "./rules.server";
export * from "./workbench.server";
