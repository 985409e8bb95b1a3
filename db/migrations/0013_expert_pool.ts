import { sql, type Kysely } from "kysely";

// Until this migration anyone could register as 专家 and land in the bureau's review picker. From
// now on only the bureau grants that role (an approved application), so accounts that hold it
// without an approved application go back to the role their organisation kind gives (科研人员 at a
// 高校/院所, 企业用户 otherwise; 科研人员 without an organisation, who may then apply). Their search
// documents keep the old 专家 label until `npm run search:reindex`. Frozen in time.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update users
    set role = case
      when (select kind from organizations where organizations.id = users.org_id) in ('enterprise', 'service') then 'enterprise'
      else 'researcher'
    end
    where role = 'expert'
      and not exists (
        select 1 from researcher_profiles p where p.user_id = users.id and p.expert_status = 'approved'
      )
  `.execute(db);
}

// Nothing to undo: which of the demoted accounts had chosen 专家 themselves is not kept.
export async function down(): Promise<void> {}
