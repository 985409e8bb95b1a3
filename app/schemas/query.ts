import { z } from "zod";

/**
 * Query parameters of pages that take one or two: each parsed by zod, and a value that does not
 * fit reads as absent (an address is typed or shared by hand; it is never an error).
 */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const positiveId = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** /dashboard?year=2025 */
export const dashboardQuerySchema = z.object({ year: optional(z.coerce.number().int().min(1).max(9999)) });

/** A single-use link's token (?token=…): absent or empty is no token. */
export const tokenQuerySchema = z.object({ token: optional(z.string().min(1)) });

/** /events/:id/requests?to=12: the participant to ask for a meeting. */
export const meetingRequestQuerySchema = z.object({ to: optional(positiveId) });
