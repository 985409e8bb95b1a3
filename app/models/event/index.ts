// The public surface of event: code outside this folder imports from here only.
export * from "./agenda.server";
export * from "./event.server";
export * from "./meeting-feedback.server";
export * from "./request.server";
export * from "./schedule";
