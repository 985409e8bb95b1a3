// The public surface of account/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./rules";
export * from "./account-mail-text.server";
export * from "./account-mail.server";
export * from "./account-tokens.server";
export * from "./account.server";
export * from "./admin.server";
export * from "./auth.server";
export * from "./org.server";
export * from "./password.server";
export * from "./profile.server";
export * from "./rate-limits.server";
