// The public surface of shared/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./access";
export * from "./audit.server";
export * from "./document.server";
export * from "./form-submission.server";
export * from "./industry.server";
export * from "./locks.server";
export * from "./mail-templates.server";
export * from "./mail.server";
export * from "./overview.server";
export * from "./session.server";
export * from "./text-match.server";
export * from "./thesaurus.server";
