import { z } from "zod";
import { longText } from "./challenge";
import { choice, idSchema } from "./fields";

/** 异议: reasons a person can check, long enough to say what is wrong, short enough to read. */
export const objectionSchema = z.object({ reasons: longText("异议理由", 20, 2000) });

export const objectionDecisionSchema = z.object({
  objectionId: idSchema,
  decision: choice("处理结果", ["dismiss", "uphold"]),
  reason: longText("处理理由", 5, 1000),
});

/** The bureau's 公示 setting: working days during which objections are accepted. */
export const awardSettingsSchema = z.object({
  objectionDays: z.coerce
    .number({ error: "请填写异议期天数" })
    .int({ error: "异议期天数须为整数" })
    .min(1, { error: "异议期至少 1 个工作日" })
    .max(30, { error: "异议期不能超过 30 个工作日" }),
});
