import type { ContractSubtype, ContractType, Cooperation } from "../../../db/schema";

/** Client-safe rules of 技术合同登记 that the register form and the import share. */

/** Which sub-types belong to which type (民法典 第843条 and the registration statistics). */
export const subtypesOf: Record<ContractType, ContractSubtype[]> = {
  development: ["commissioned", "cooperative"],
  transfer: ["patent_right", "patent_application", "know_how"],
  license: ["patent_license", "know_how_license"],
  consulting: ["consulting"],
  service: ["service", "intermediary", "training"],
};

/** The contract type a challenge's 期望合作方式 most likely becomes, to pre-fill the register form. */
export const cooperationDefaults: Record<Cooperation, [ContractType, ContractSubtype]> = {
  development: ["development", "commissioned"],
  transfer: ["transfer", "patent_right"],
  license: ["license", "patent_license"],
  consulting: ["consulting", "consulting"],
  service: ["service", "service"],
};
