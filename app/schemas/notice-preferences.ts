import { z } from "zod";
import { NOTICE_DELIVERIES } from "../../db/vocabulary";
import { noticeCategories } from "../models/notice";

/** The preferences form: one radio group per category, each one of the three deliveries. */
export const noticePreferencesSchema = z.object(
  Object.fromEntries(noticeCategories.map((c) => [c.key, z.enum(NOTICE_DELIVERIES, { error: `请为“${c.label}”选择一种接收方式` })])) as {
    [K in (typeof noticeCategories)[number]["key"]]: z.ZodEnum<{ immediately: "immediately"; digest: "digest"; site: "site" }>;
  },
);
