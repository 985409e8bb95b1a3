// The public surface of account: code outside this folder imports from here only.
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
export * from "./rules";
