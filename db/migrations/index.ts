import type { Migration } from "kysely";
import * as m0001 from "./0001_foundation";
import * as m0002 from "./0002_challenges";
import * as m0003 from "./0003_results";
import * as m0004 from "./0004_search";
import * as m0005 from "./0005_search_outbox";
import * as m0006 from "./0006_search_terms";
import * as m0007 from "./0007_contracts";
import * as m0008 from "./0008_events";
import * as m0009 from "./0009_form_submissions";
import * as m0010 from "./0010_audit_amounts";
import * as m0011 from "./0011_rate_limits_and_name_keys";
import * as m0012 from "./0012_public_snapshots";
import * as m0013 from "./0013_expert_pool";
import * as m0014 from "./0014_documents";
import * as m0015 from "./0015_award_notices";
import * as m0016 from "./0016_milestone_reports";
import * as m0017 from "./0017_challenge_follows";
import * as m0018 from "./0018_industries";
import * as m0019 from "./0019_mail_outbox";
import * as m0020 from "./0020_scheduler";
import * as m0021 from "./0021_mail_preferences";
import * as m0022 from "./0022_account_tokens";
import * as m0023 from "./0023_one_reg_no";
import * as m0024 from "./0024_outbox_claims";
import * as m0025 from "./0025_invariants";
import * as m0026 from "./0026_thesaurus";
import * as m0027 from "./0027_search_rowids";

/** A static map, not a folder scan: the server bundle carries its migrations with it. */
export const migrations: Record<string, Migration> = {
  "0001_foundation": m0001,
  "0002_challenges": m0002,
  "0003_results": m0003,
  "0004_search": m0004,
  "0005_search_outbox": m0005,
  "0006_search_terms": m0006,
  "0007_contracts": m0007,
  "0008_events": m0008,
  "0009_form_submissions": m0009,
  "0010_audit_amounts": m0010,
  "0011_rate_limits_and_name_keys": m0011,
  "0012_public_snapshots": m0012,
  "0013_expert_pool": m0013,
  "0014_documents": m0014,
  "0015_award_notices": m0015,
  "0016_milestone_reports": m0016,
  "0017_challenge_follows": m0017,
  "0018_industries": m0018,
  "0019_mail_outbox": m0019,
  "0020_scheduler": m0020,
  "0021_mail_preferences": m0021,
  "0022_account_tokens": m0022,
  "0023_one_reg_no": m0023,
  "0024_outbox_claims": m0024,
  "0025_invariants": m0025,
  "0026_thesaurus": m0026,
  "0027_search_rowids": m0027,
};
