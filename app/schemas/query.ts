import { z } from "zod";
import { OBJECTION_STATUSES } from "../../db/vocabulary";

/**
 * Query parameters of pages that take one or two: each parsed by zod, and a value that does not
 * fit reads as absent (an address is typed or shared by hand; it is never an error).
 */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** /dashboard?year=2025 */
export const dashboardQuerySchema = z.object({ year: optional(z.coerce.number().int().min(1).max(9999)) });

/** A single-use link's token (?token=…); absent means the page was opened without a link. */
export const tokenQuerySchema = z.object({ token: optional(z.string()) });

/** ?page=3 of a paginated list; anything else is the first page. */
export const pageQuerySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) });

/** /events/:id/agenda?participant=12 (the bureau looks at one participant's agenda). */
export const agendaQuerySchema = z.object({ participant: optional(positiveId) });

/** /events/:id/schedule?table=3 (one table's meetings). */
export const scheduleQuerySchema = z.object({ table: optional(z.coerce.number().int().min(0).max(999)) });

/** /bureau/contracts/new?challenge=9: a draft from a signed 榜单. */
export const contractDraftQuerySchema = z.object({ challenge: optional(positiveId) });

/** /bureau/contracts/export?format=csv; the spreadsheet otherwise. */
export const exportQuerySchema = z.object({ format: z.enum(["csv", "xlsx"]).catch("xlsx") });

/** /experts?field=08&experts=1&q=… */
export const profileQuerySchema = z.object({
  field: optional(z.string().regex(/^\d{2}$/)),
  experts: z.string().optional().catch(undefined).transform((v) => v === "1"),
});

/** /events/:id/requests?to=12: the participant to ask for a meeting. */
export const meetingRequestQuerySchema = z.object({ to: optional(positiveId) });

/** /bureau/objections?status=: the tab, 待处理 unless it names another. */
export const objectionQuerySchema = z.object({ status: z.enum(OBJECTION_STATUSES).catch("pending") });
