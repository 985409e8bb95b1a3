import { COOPERATIONS } from "../../../db/vocabulary";
import { cooperationLabels } from "../../utils/labels";
import { fenToWanInput } from "../../utils/money";
import { Field, SelectField, type FormAnswer } from "../ui/form";
import { ClassificationFields, type IndustryOption } from "../ui/industry-select";

export interface ChallengeDefaults {
  title?: string;
  fieldCode?: string;
  industryCode?: string | null;
  keywords?: string[];
  summary?: string;
  difficulties?: string;
  indicators?: string;
  researchContent?: string;
  bountyFen?: number;
  investmentFen?: number | null;
  durationMonths?: number;
  eligibility?: string;
  cooperation?: string;
}

/** The 榜单 form, shared by 新建 and 修改. */
export function ChallengeFields({ answer, fields, industries, d = {} }: { answer?: FormAnswer; fields: { code: string; name: string }[]; industries: IndustryOption[]; d?: ChallengeDefaults }) {
  return (
    <>
      <Field name="title" label="榜单名称" answer={answer} required maxLength={80} defaultValue={d.title} hint="一句话说清要解决的问题，如“泡菜低盐发酵工艺优化”" />
      <ClassificationFields fields={fields} industries={industries} answer={answer} d={d} />
      <Field name="keywords" label="关键词" answer={answer} required maxLength={200} defaultValue={d.keywords?.join("、")} hint="1–8 个，用顿号或逗号分隔" />
      <Field name="summary" label="公开摘要" answer={answer} required multiline maxLength={500} defaultValue={d.summary} hint="所有访客可见（20–500 字）；不要写入商业秘密。以下各项仅对已认证机构的用户公开。" />
      <Field name="difficulties" label="主要技术难点" answer={answer} required multiline maxLength={3000} defaultValue={d.difficulties} />
      <Field name="indicators" label="主要技术指标" answer={answer} required multiline maxLength={3000} defaultValue={d.indicators} hint="将作为验收的考核指标，尽量量化" />
      <Field name="researchContent" label="主要研究内容" answer={answer} required multiline maxLength={5000} defaultValue={d.researchContent} />
      <Field name="bounty" label="榜额（万元）" answer={answer} required maxLength={16} inputMode="text" defaultValue={d.bountyFen != null ? fenToWanInput(d.bountyFen) : undefined} hint="填 0 表示面议" />
      <Field name="investment" label="预期投入（万元）" answer={answer} maxLength={16} defaultValue={d.investmentFen != null ? fenToWanInput(d.investmentFen) : undefined} hint="企业为此项目计划投入的总额，可不填" />
      <Field name="durationMonths" label="期望完成期限（月）" answer={answer} required maxLength={3} inputMode="numeric" defaultValue={d.durationMonths != null ? String(d.durationMonths) : undefined} />
      <Field name="eligibility" label="揭榜条件" answer={answer} required multiline maxLength={2000} defaultValue={d.eligibility} hint="对揭榜单位和团队的资质、业绩要求" />
      <SelectField name="cooperation" label="期望合作方式" answer={answer} required defaultValue={d.cooperation} options={COOPERATIONS.map((c) => [c, cooperationLabels[c]] as const)} />
    </>
  );
}
