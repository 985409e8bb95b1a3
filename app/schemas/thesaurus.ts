import { z } from "zod";
import { FORBIDDEN, idSchema } from "./fields";

/**
 * One group of the search thesaurus as the bureau types it: words separated by 、，, ; or spaces.
 * Words are kept as queries see them (全角 → 半角, lower case); no single 汉字, which would make a
 * query find half the site.
 */
export const synonymGroupSchema = z.object({
  groupId: z.preprocess((v) => (v === "" || v == null ? undefined : v), idSchema.optional()),
  words: z
    .string({ error: "请填写同义词" })
    .transform((s) => [...new Set(s.normalize("NFKC").toLowerCase().split(/[,，、;；\s]+/).map((w) => w.trim()).filter(Boolean))])
    .pipe(
      z
        .array(
          z
            .string()
            .max(20, { error: "每个词不超过 20 个字" })
            .refine((w) => [...w].length >= 2, { error: "每个词至少 2 个字：单个字会让搜索找到太多无关内容" })
            .refine((w) => !FORBIDDEN.test(w) && !/[<>{}"]/.test(w), { error: "同义词包含无法识别的字符，请删除后重试" }),
        )
        .min(2, { error: "一组同义词至少 2 个词" })
        .max(12, { error: "一组同义词最多 12 个词" }),
    ),
});
export type SynonymGroupInput = z.output<typeof synonymGroupSchema>;
