// The public surface of notice: code outside this folder imports from here only.
export * from "./categories";
export * from "./mail.server";
export * from "./notification.server";
export * from "./reminders.server";
export * from "./rules.server";
export * from "./workbench.server";
