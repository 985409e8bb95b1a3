/**
 * The database faults a person can be told about, whatever the engine: another writer holds the
 * lock past our budget (busy), the disk is full (full), or the file or its folder cannot be
 * written (readonly). Anything else is a bug and stays a 500.
 */
export type DatabaseFault = "busy" | "full" | "readonly";

/**
 * PostgreSQL's SQLSTATE codes for the same faults. Busy: a serialization failure or deadlock that
 * made the server cancel our transaction, a lock not available, the server starting, stopping or
 * out of connection slots, or no server at all. Full: disk full. Read-only: a hot standby or
 * `default_transaction_read_only`.
 */
const POSTGRES_FAULTS: Record<string, DatabaseFault> = {
  "40001": "busy",
  "40P01": "busy",
  "55P03": "busy",
  "57P01": "busy",
  "57P03": "busy",
  "53300": "busy",
  ECONNREFUSED: "busy",
  ECONNRESET: "busy",
  "53100": "full",
  "25006": "readonly",
};

/** The one place where each engine's error codes are read (README Decision 63). */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code === "SQLITE_FULL") return "full";
  if (code.startsWith("SQLITE_READONLY") || code === "SQLITE_CANTOPEN") return "readonly";
  return POSTGRES_FAULTS[code];
}

/** A unique constraint refused the write (two people acting at once, a double click). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
