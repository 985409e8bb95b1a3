import { z } from "zod";
import { PUBLIC_STATUSES } from "../models/challenge";
import { DOC_KINDS, REGIONS, STAGES } from "../../db/vocabulary";
import { wanToFen } from "../utils/money";
import { INDUSTRY_CODE, searchTextSchema } from "./fields";

/** Statuses a search document can carry: public challenge statuses, and expert/researcher for profiles. */
export const SEARCH_STATUSES: readonly string[] = [...PUBLIC_STATUSES, "expert", "researcher"];

// Anything malformed in the address is ignored rather than answered with an error.
const wan = z
  .string()
  .optional()
  .catch(undefined)
  .transform((s) => (s ? (wanToFen(s) ?? undefined) : undefined));

const searchParamsSchema = z.object({
  q: searchTextSchema,
  kind: z.enum(DOC_KINDS).optional().catch(undefined),
  field: z.string().regex(/^\d{2}$/).optional().catch(undefined),
  industry: z.string().regex(INDUSTRY_CODE).optional().catch(undefined),
  status: z.string().refine((s) => SEARCH_STATUSES.includes(s)).optional().catch(undefined),
  stage: z.enum(STAGES).optional().catch(undefined),
  region: z.enum(REGIONS).optional().catch(undefined),
  amountMin: wan,
  amountMax: wan,
});

export type SearchFilters = Omit<z.output<typeof searchParamsSchema>, "q"> & { q: string };

/** The /search address → a query; a reversed amount range is swapped, with a note saying so. */
export function parseSearchParams(params: URLSearchParams): { filters: SearchFilters; note: string | null } {
  const raw = Object.fromEntries([...searchParamsSchema.keyof().options].map((k) => [k, params.get(k) ?? undefined]));
  const f = searchParamsSchema.parse(raw);
  const filters: SearchFilters = { ...f, q: f.q ?? "" };
  let note: string | null = null;
  if ((raw.amountMin && filters.amountMin == null) || (raw.amountMax && filters.amountMax == null)) {
    note = "金额请填写数字（单位：万元，如 50 或 12.5），格式不对的已忽略。";
  }
  if (filters.amountMin != null && filters.amountMax != null && filters.amountMin > filters.amountMax) {
    [filters.amountMin, filters.amountMax] = [filters.amountMax, filters.amountMin];
    note = "金额下限大于上限，已按从低到高对调。";
  }
  return { filters, note };
}
