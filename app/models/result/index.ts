// The public surface of result/: code outside this folder imports from here only (Decision 61).
export * from "./matching.server";
export * from "./result.server";
export * from "./search.server";
