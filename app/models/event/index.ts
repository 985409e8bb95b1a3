// The public surface of event/: code outside this folder imports from here only (Decision 61).
// Plain modules first: schemas and pages read their constants while a server module of this
// domain may still be loading, so they must be complete before any server module starts.
export * from "./schedule";
export * from "./agenda.server";
export * from "./event.server";
export * from "./meeting-feedback.server";
export * from "./request.server";
