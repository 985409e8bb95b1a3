// The public surface of contract: code outside this folder imports from here only.
export * from "./contract.server";
export * from "./dashboard.server";
export * from "./disclosure";
export * from "./fields.server";
export * from "./io.server";
export * from "./public-snapshot.server";
export * from "./rules";
export * from "./target";
