import { seedChallenges } from "../../seeds/challenges";
import { seedResults } from "../../seeds/results";
import type { SearchDocument } from "../../search/documents";
import { prng } from "./prng";

/**
 * Challenge- and result-like Chinese documents recombined from the demo seed's vocabulary, for the
 * benchmarks. Deterministic (mulberry32 from `seed`), so runs are comparable.
 */
export function syntheticCorpus(seed: number, updatedAt: string) {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
  const keywords = [...new Set([...seedChallenges.flatMap((c) => c.keywords), ...seedResults.flatMap((r) => r.keywords)])];
  const sentences = [...seedChallenges.flatMap((c) => [c.summary, c.difficulties, c.indicators, c.research]), ...seedResults.map((r) => r.abstract)]
    .flatMap((t) => t.split(/[。；]/))
    .filter((s) => s.length > 6);
  const fields = ["01", "02", "05", "06", "07", "08", "09", "10", "11"];

  function document(i: number): SearchDocument {
    const ks = Array.from({ length: 3 + Math.floor(rand() * 3) }, () => pick(keywords));
    const body = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => pick(sentences)).join("。");
    return {
      key: `${i % 2 ? "result" : "challenge"}:${i + 1}`,
      kind: i % 2 ? "result" : "challenge",
      id: i + 1,
      title: `${ks[0]}${ks[1]}技术研究`,
      body: `${ks.join(" ")} ${body}`,
      keywords: ks,
      fieldCode: pick(fields),
      status: "published",
      trl: 1 + Math.floor(rand() * 9),
      amountFen: Math.floor(rand() * 200) * 1_000_000,
      orgName: "基准测试机构",
      updatedAt,
    };
  }
  return { rand, pick, keywords, fields, document };
}
