// The public surface of result: code outside this folder imports from here only.
export * from "./matching.server";
export * from "./result.server";
export * from "./search.server";
