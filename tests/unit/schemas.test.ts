import { describe, expect, it } from "vitest";
import { registerSchema } from "../../app/schemas/auth";
import { accountSchema, text } from "../../app/schemas/fields";
import { orgFieldsSchema, parseOrgChoice } from "../../app/schemas/org";
import { demoCreditCode } from "../../seeds/organizations";

const CODE = demoCreditCode("91", "510802", 77);
const WRONG_CHECK = CODE.slice(0, 17) + (CODE[17] === "0" ? "1" : "0");

/** The messages a form would show, grouped by field as in app/schemas/parse.ts. */
function messages(r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, string[]> = {};
  for (const i of r.error?.issues ?? []) (out[String(i.path[0] ?? "_form")] ??= []).push(i.message);
  return out;
}

describe("registerSchema", () => {
  const valid = {
    name: "张晓明",
    account: "zhang@example.com",
    password: "Secret123",
    passwordConfirm: "Secret123",
    role: "enterprise",
    orgMode: "create",
  };

  it("accepts a complete registration", () => {
    const r = registerSchema.safeParse(valid);
    expect(r.success).toBe(true);
    expect(r.data?.account).toEqual({ kind: "email", value: "zhang@example.com" });
  });

  it.each([
    ["Sec1", "密码至少 8 位"],
    ["abcdefgh", "密码需同时包含字母和数字"],
    ["12345678", "密码需同时包含字母和数字"],
    ["a1".repeat(65), "密码不能超过 128 位"],
  ])("refuses the password %j with “%s”", (password, message) => {
    const r = registerSchema.safeParse({ ...valid, password, passwordConfirm: password });
    expect(r.success).toBe(false);
    expect(messages(r).password).toContain(message);
  });

  it("refuses a confirmation that does not match, next to the confirmation field", () => {
    const r = registerSchema.safeParse({ ...valid, passwordConfirm: "Secret124" });
    expect(r.success).toBe(false);
    expect(messages(r).passwordConfirm).toEqual(["两次输入的密码不一致"]);
  });

  it("refuses a bureau officer creating an organisation, and accepts one joining", () => {
    const create = registerSchema.safeParse({ ...valid, role: "bureau", orgMode: "create" });
    expect(create.success).toBe(false);
    expect(messages(create).orgMode?.[0]).toContain("科技局工作人员请选择“加入已有机构”");
    expect(registerSchema.safeParse({ ...valid, role: "bureau", orgMode: "join" }).success).toBe(true);
  });

  it("refuses a role or mode that is not on offer", () => {
    const r = registerSchema.safeParse({ ...valid, role: "admin", orgMode: "steal" });
    expect(messages(r).role).toEqual(["请选择角色"]);
    expect(messages(r).orgMode).toEqual(["请选择加入方式"]);
  });

  it("asks for every field of an empty form in Chinese", () => {
    const m = messages(registerSchema.safeParse({}));
    expect(m.name).toContain("请填写姓名");
    expect(m.account).toContain("请填写邮箱或手机号");
    expect(m.password).toContain("请设置密码");
    expect(m.passwordConfirm).toContain("请再次输入密码");
    expect(m.role).toContain("请选择角色");
  });
});

describe("accountSchema (邮箱或手机号)", () => {
  it.each([
    [" Zhang.San@Example.COM ", { kind: "email", value: "zhang.san@example.com" }],
    ["ＺＨＡＮＧ@example.com", { kind: "email", value: "zhang@example.com" }],
    ["13800138000", { kind: "mobile", value: "13800138000" }],
    ["+86 138 0013 8000", { kind: "mobile", value: "13800138000" }],
    ["+86-138-0013-8000", { kind: "mobile", value: "13800138000" }],
    ["86 13800138000", { kind: "mobile", value: "13800138000" }],
    ["１３８ ００１３ ８０００", { kind: "mobile", value: "13800138000" }],
  ])("normalises %j", (input, expected) => {
    expect(accountSchema.parse(input)).toEqual(expected);
  });

  it.each([
    "hello",
    "zhang@example",
    "zhang@exa mple.com",
    "@example.com",
    "12800138000", // no mobile number starts with 12
    "1380013800", // 10 digits
    "+1 415 555 0100",
    "zhang\u202E@example.com",
  ])("refuses %j with a Chinese message", (input) => {
    const r = accountSchema.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("请输入有效的邮箱地址或 11 位手机号");
  });

  it("refuses an empty or absurdly long account", () => {
    expect(accountSchema.safeParse("   ").error?.issues[0].message).toBe("请填写邮箱或手机号");
    expect(accountSchema.safeParse(`${"a".repeat(250)}@example.com`).error?.issues[0].message).toBe("邮箱或手机号过长");
    expect(accountSchema.safeParse(undefined).error?.issues[0].message).toBe("请填写邮箱或手机号");
  });
});

describe("text() — single-line text fields", () => {
  const name = text("姓名", { min: 2, max: 30 });
  const CONTROL = "姓名包含无法识别的控制字符，请删除后重试";

  it.each([
    ["a NUL byte", "张\u0000三"],
    ["a right-to-left override", "张三\u202E"],
    ["a left-to-right isolate", "\u2066张三"],
    ["a zero-width space", "张\u200B三"],
    ["an escape character", "张\u001B[31m三"],
    ["a C1 control (NEL)", "张\u0085三"],
    ["a line break", "张\n三"],
    ["a tab", "张\t三"],
  ])("refuses %s with a Chinese message", (_what, input) => {
    const r = name.safeParse(input);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toContain(CONTROL);
  });

  it("refuses 10,000 characters", () => {
    const r = name.safeParse("张".repeat(10_000));
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe("姓名不能超过 30 个字");
  });

  it("trims and NFC-normalises what people type", () => {
    expect(name.parse("  张晓明 \n")).toBe("张晓明");
    const decomposed = "Jose\u0301";
    const composed = name.parse(decomposed);
    expect(composed).toBe("Jos\u00E9");
    expect(composed).toHaveLength(4);
  });

  it("counts length after trimming and asks for a missing value", () => {
    expect(name.safeParse("   ").error?.issues[0].message).toBe("请填写姓名");
    expect(name.safeParse(" 张 ").error?.issues[0].message).toBe("姓名至少 2 个字");
    expect(name.safeParse(undefined).error?.issues[0].message).toBe("请填写姓名");
  });

  it("accepts ordinary Chinese, Latin and emoji text", () => {
    expect(name.parse("欧阳·娜娜")).toBe("欧阳·娜娜");
    expect(name.parse("Anna Müller")).toBe("Anna Müller");
    expect(name.parse("张三😀")).toBe("张三😀");
  });
});

describe("orgFieldsSchema", () => {
  const valid = {
    orgName: "广元测试新材料有限公司",
    orgKind: "enterprise",
    creditCode: CODE,
    region: "lizhou",
    address: "",
    intro: "",
    contactName: "张晓明",
    contactPhone: "0839-1234567",
    contactEmail: "",
  };

  it("accepts a complete profile; empty optional fields become null", () => {
    const r = orgFieldsSchema.parse(valid);
    expect(r.creditCode).toBe(CODE);
    expect(r.address).toBeNull();
    expect(r.intro).toBeNull();
    expect(r.contactEmail).toBeNull();
  });

  it("normalises a pasted credit code", () => {
    const pasted = ` ${CODE.slice(0, 6)} ${CODE.slice(6).toLowerCase()} `;
    expect(orgFieldsSchema.parse({ ...valid, creditCode: pasted }).creditCode).toBe(CODE);
  });

  it("names a wrong check character in Chinese, next to the credit-code field", () => {
    const m = messages(orgFieldsSchema.safeParse({ ...valid, creditCode: WRONG_CHECK }));
    expect(m.creditCode).toEqual(["统一社会信用代码校验位不正确，请核对后重新输入"]);
  });

  it("tells a short code and a forbidden letter apart", () => {
    expect(messages(orgFieldsSchema.safeParse({ ...valid, creditCode: CODE.slice(0, 17) })).creditCode).toEqual([
      "统一社会信用代码应为 18 位",
    ]);
    expect(messages(orgFieldsSchema.safeParse({ ...valid, creditCode: "O" + CODE.slice(1) })).creditCode?.[0]).toContain(
      "不含 I、O、S、V、Z",
    );
  });

  it.each([
    ["13800138000", "13800138000"],
    ["138 0013 8000", "13800138000"],
    ["0839-1234567", "0839-1234567"],
    ["08391234567", "08391234567"],
    ["028-12345678", "028-12345678"],
    ["０８３９－１２３４５６７", "0839-1234567"],
  ])("accepts the phone number %j", (phone, stored) => {
    expect(orgFieldsSchema.parse({ ...valid, contactPhone: phone }).contactPhone).toBe(stored);
  });

  it.each(["12345", "1380013800", "0839-12345", "839-1234567", "0839-1234567-801", "电话号码"])(
    "refuses the phone number %j with an example of the expected format",
    (phone) => {
      const m = messages(orgFieldsSchema.safeParse({ ...valid, contactPhone: phone }));
      expect(m.contactPhone).toEqual(["请输入 11 位手机号或带区号的固定电话，如 0839-1234567"]);
    },
  );

  it("refuses the bureau as a kind anyone may create", () => {
    expect(messages(orgFieldsSchema.safeParse({ ...valid, orgKind: "bureau" })).orgKind).toEqual(["请选择机构类型"]);
  });

  it("refuses a malformed contact e-mail and control characters in the address", () => {
    const m = messages(orgFieldsSchema.safeParse({ ...valid, contactEmail: "not-an-email", address: "利州区\u202E东坝" }));
    expect(m.contactEmail).toEqual(["请输入有效的邮箱地址"]);
    expect(m.address).toEqual(["地址包含无法识别的控制字符，请删除后重试"]);
  });
});

describe("parseOrgChoice", () => {
  const createFields = {
    orgName: "广元测试新材料有限公司",
    orgKind: "enterprise",
    creditCode: CODE,
    region: "lizhou",
    contactName: "张晓明",
    contactPhone: "13800138000",
  };

  it("validates only the join half when joining", () => {
    const r = parseOrgChoice({ orgMode: "join", joinCreditCode: CODE.toLowerCase(), orgName: "\u0000", creditCode: "x" });
    expect(r).toEqual({ ok: true, choice: { mode: "join", creditCode: CODE } });
  });

  it("reports a bad join code next to the join field", () => {
    const r = parseOrgChoice({ orgMode: "join", joinCreditCode: WRONG_CHECK });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.joinCreditCode).toEqual(["统一社会信用代码校验位不正确，请核对后重新输入"]);
  });

  it("validates only the create half when creating", () => {
    const r = parseOrgChoice({ orgMode: "create", joinCreditCode: "garbage", ...createFields });
    expect(r.ok).toBe(true);
    if (r.ok && r.choice.mode === "create") {
      expect(r.choice.fields.orgName).toBe("广元测试新材料有限公司");
      expect(r.choice.fields.creditCode).toBe(CODE);
    } else {
      expect.unreachable("expected the create choice");
    }
  });

  it("treats a missing mode as “create” and asks for the organisation's details", () => {
    const r = parseOrgChoice({});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.orgName).toContain("请填写机构名称");
      expect(r.errors.creditCode).toContain("请填写统一社会信用代码");
      expect(r.errors.contactPhone).toContain("请填写联系电话");
      expect(r.errors.joinCreditCode).toBeUndefined();
    }
  });
});
