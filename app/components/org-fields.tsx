import { CREATABLE_KINDS } from "../models/account";
import { REGIONS } from "../../db/vocabulary";
import { orgKindLabels, regionLabels } from "../utils/labels";
import { Field, SelectField, type FormAnswer } from "./ui/form";

export interface OrgDefaults {
  name?: string;
  kind?: string;
  credit_code?: string;
  region?: string;
  address?: string | null;
  intro?: string | null;
  contact?: { name: string; phone: string; email: string | null } | null;
}

const kindOptions = CREATABLE_KINDS.map((k) => [k, orgKindLabels[k]] as const);
const regionOptions = REGIONS.map((r) => [r, regionLabels[r]] as const);

/** The organisation profile fields, shared by registration, 个人中心 and the org edit page. */
export function OrgFields({ answer, defaults = {}, withKind = true }: { answer?: FormAnswer; defaults?: OrgDefaults; withKind?: boolean }) {
  return (
    <>
      <Field name="orgName" label="机构名称" answer={answer} required maxLength={60} defaultValue={defaults.name} hint="与营业执照或事业单位法人证书上的名称一致" />
      {withKind ? <SelectField name="orgKind" label="机构类型" options={kindOptions} answer={answer} required defaultValue={defaults.kind} /> : null}
      <Field
        name="creditCode"
        label="统一社会信用代码"
        answer={answer}
        required
        maxLength={22}
        defaultValue={defaults.credit_code}
        hint="18 位，见营业执照或法人证书；系统会核对最后一位校验码"
      />
      <SelectField name="region" label="所在地区" options={regionOptions} answer={answer} required defaultValue={defaults.region} hint="决定技术合同的输出 / 吸纳统计口径" />
      <Field name="address" label="地址" answer={answer} maxLength={120} defaultValue={defaults.address} />
      <Field name="contactName" label="联系人" answer={answer} required maxLength={30} defaultValue={defaults.contact?.name} />
      <Field name="contactPhone" label="联系电话" type="tel" answer={answer} required maxLength={20} defaultValue={defaults.contact?.phone} hint="仅向已认证机构的用户和区科技局展示" />
      <Field name="contactEmail" label="联系邮箱" type="email" answer={answer} maxLength={254} defaultValue={defaults.contact?.email} />
      <Field name="intro" label="机构简介" answer={answer} multiline maxLength={2000} defaultValue={defaults.intro} />
    </>
  );
}

/** Create a new organisation or ask to join one by its credit code; CSS shows only the chosen half. */
export function OrgChoiceFields({ answer }: { answer?: FormAnswer }) {
  const mode = answer?.values.orgMode === "join" ? "join" : "create";
  return (
    <>
      <fieldset className="org-choice">
        <legend>所属机构</legend>
        <div className="choices" role="radiogroup">
          <label><input type="radio" name="orgMode" value="create" defaultChecked={mode === "create"} /> 登记新机构（我是本单位第一个用户）</label>
          <label><input type="radio" name="orgMode" value="join" defaultChecked={mode === "join"} /> 加入已有机构</label>
        </div>
        {answer?.errors.orgMode ? <div className="error">{answer.errors.orgMode.join("；")}</div> : null}
      </fieldset>
      <fieldset className="org-create">
        <legend>登记新机构</legend>
        <p className="hint">登记后您将成为本机构管理员；机构经区科技局认证后才能发布榜单、成果和揭榜。</p>
        <OrgFields answer={answer} />
      </fieldset>
      <fieldset className="org-join">
        <legend>加入已有机构</legend>
        <Field
          name="joinCreditCode"
          label="机构的统一社会信用代码"
          answer={answer}
          maxLength={22}
          hint="提交后由该机构管理员审核；区科技局工作人员请填写区科技局的代码"
        />
      </fieldset>
    </>
  );
}
