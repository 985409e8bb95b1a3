import type { DB } from "../../../db/client.server";
import type { Account } from "../../schemas/fields";
import { recordAudit } from "../shared";
import { InvalidInputError } from "../../utils/errors";
import { accountColumns } from "./account.server";

/**
 * A bureau administrator: an active admin member of the (single) bureau organisation. The bureau
 * organisation must exist — it is seeded, or created once by the operator.
 */
export async function createBureauAdmin(db: DB, a: { name: string; account: Account; password: string }): Promise<number> {
  const bureau = await db.selectFrom("organizations").select("id").where("kind", "=", "bureau").executeTakeFirst();
  if (!bureau) throw new InvalidInputError({}, "数据库中没有区科技局机构，请先运行 npm run db:seed。");
  const taken = await db.selectFrom("users").select("id").where(a.account.kind, "=", a.account.value).executeTakeFirst();
  if (taken) throw new InvalidInputError({ account: ["该账号已存在"] }, "该邮箱或手机号已注册。");
  const account = await accountColumns(a);
  return db.transaction().execute(async (trx) => {
    const user = await trx
      .insertInto("users")
      .values({
        ...account,
        role: "bureau",
        org_id: bureau.id,
        org_role: "admin",
        membership_status: "active",
        membership_note: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, { entity: "user", entityId: user.id, action: "create_admin", to: "active", actorId: null });
    return user.id;
  });
}
