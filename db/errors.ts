/**
 * The database faults a person can be told about, whatever the engine: another writer holds the
 * lock past our budget (busy), the disk is full (full), or the file or its folder cannot be
 * written (readonly). Anything else is a bug and stays a 500.
 */
export type DatabaseFault = "busy" | "full" | "readonly";

export function databaseFault(error: unknown): DatabaseFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code === "SQLITE_FULL") return "full";
  if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_CANTOPEN") return "readonly";
  return undefined;
}
