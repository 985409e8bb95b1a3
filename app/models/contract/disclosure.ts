/**
 * Statistical disclosure control for the public dashboard: can any linear combination of published
 * numbers single out one or two contracts?
 *
 * Every published number is the sum of some attribute (amount or count) over a set of contract
 * versions. An attacker may add and subtract any published numbers, from one snapshot or from
 * several, so what they can learn is exactly the row space of the 0/1 membership matrix
 * (rows: published numbers, columns: contract versions). A combination isolates fewer than three
 * contracts when it is a non-zero vector whose support touches only one or two contracts (a
 * contract's amount, the sum of two, the change one amendment made, a cancelled contract's amount).
 * `findIsolation` decides that exactly, with no heuristics; the snapshot builder suppresses cells
 * until it finds nothing.
 *
 * No database, clock or randomness here: tests and the publisher call the same function.
 */

/** One variable: a contract version as one snapshot used it (same contract, same version, same amount basis). */
export interface Variable {
  contract: number;
  /** The ids of the published numbers whose sum includes this variable. */
  rows: string[];
}

const EPS = 1e-9;

/** Reduced row echelon form of a dense matrix (in place); returns the pivot column of each row. */
function rref(m: number[][]): number[] {
  const pivots: number[] = [];
  const cols = m[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    let best = r;
    for (let i = r + 1; i < m.length; i++) if (Math.abs(m[i][c]) > Math.abs(m[best][c])) best = i;
    if (Math.abs(m[best][c]) < EPS) continue;
    [m[r], m[best]] = [m[best], m[r]];
    const p = m[r][c];
    for (let j = c; j < cols; j++) m[r][j] /= p;
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < EPS) continue;
      const f = m[i][c];
      for (let j = c; j < cols; j++) m[i][j] -= f * m[r][j];
    }
    pivots.push(c);
    r++;
  }
  m.length = r;
  return pivots;
}

function rank(rows: number[][]): number {
  return rref(rows.map((r) => [...r])).length;
}

/**
 * The contracts (one or two ids) some combination of the published numbers isolates, or null.
 *
 * Variables that lie in exactly the same published numbers are indistinguishable, so they are
 * grouped into columns first. A column holding three or more contracts can never be part of an
 * isolating combination; for every pair of contracts {c, d} in small columns, the row space has a
 * non-zero vector supported on the columns made only of c and d iff the RREF rows pivoting in
 * those columns have a dependent restriction to all other columns.
 */
export function findIsolation(variables: Variable[]): number[] | null {
  const rowIds = [...new Set(variables.flatMap((v) => v.rows))];
  if (rowIds.length === 0) return null;
  const rowIndex = new Map(rowIds.map((id, i) => [id, i]));
  const columns = new Map<string, Set<number>>();
  const signatures = new Map<string, number[]>();
  for (const v of variables) {
    if (v.rows.length === 0) continue;
    const idx = v.rows.map((r) => rowIndex.get(r)!).sort((a, b) => a - b);
    const sig = idx.join(",");
    if (!columns.has(sig)) (columns.set(sig, new Set()), signatures.set(sig, idx));
    columns.get(sig)!.add(v.contract);
  }
  const sigs = [...columns.keys()];
  const matrix = rowIds.map(() => new Array<number>(sigs.length).fill(0));
  sigs.forEach((sig, c) => signatures.get(sig)!.forEach((r) => (matrix[r][c] = 1)));
  const pivots = rref(matrix);
  const pivotRow = new Map(pivots.map((c, i) => [c, i]));
  const members = sigs.map((s) => [...columns.get(s)!]);
  const small = members.map((m, c) => (m.length <= 2 ? c : -1)).filter((c) => c >= 0);
  const smallContracts = [...new Set(small.flatMap((c) => members[c]))];
  // Only a set containing a pivot column can carry a row-space vector; start from those.
  const anchors = [...new Set(small.filter((c) => pivotRow.has(c)).flatMap((c) => members[c]))];
  const tried = new Set<string>();
  for (const a of anchors) {
    for (const b of [a, ...smallContracts]) {
      const pair = a === b ? [a] : [a, b].sort((x, y) => x - y);
      const key = pair.join(",");
      if (tried.has(key)) continue;
      tried.add(key);
      const inW = new Set(small.filter((c) => members[c].every((x) => pair.includes(x))));
      const rowsInW = [...inW].filter((c) => pivotRow.has(c)).map((c) => pivotRow.get(c)!);
      if (rowsInW.length === 0) continue;
      const restricted = rowsInW.map((r) => matrix[r].filter((_, c) => !inW.has(c)));
      if (rank(restricted) < rowsInW.length) return pair;
    }
  }
  return null;
}
