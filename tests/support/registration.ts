import { demoCreditCode } from "../../seeds/organizations";

/** A credit code no seeded organisation has, with a correct check character. */
export const NEW_CODE = demoCreditCode("91", "510802", 77);

/** The registration form as a person fills it in to create a new enterprise; `undefined` leaves a field out. */
export function registrationForm(changes: Record<string, string | undefined> = {}): Record<string, string> {
  const fields: Record<string, string | undefined> = {
    name: "张晓明",
    account: "zhang@example.com",
    password: "Secret123",
    passwordConfirm: "Secret123",
    role: "enterprise",
    orgMode: "create",
    orgName: "广元测试新材料有限公司",
    orgKind: "enterprise",
    creditCode: NEW_CODE,
    region: "lizhou",
    address: "",
    intro: "",
    contactName: "张晓明",
    contactPhone: "0839-1234567",
    contactEmail: "",
    joinCreditCode: "",
    ...changes,
  };
  return Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
}
