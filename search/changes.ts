/**
 * A count of the moments the search index (or what matching reads beside it) may have changed in
 * this process, for whatever keeps answers computed from it. Kept on globalThis because the server
 * and its Remix build each load their own copy of this module in one process, and both must see
 * the same count. Another process's changes are not counted: what keeps answers also keeps them
 * for a short time only.
 */
const COUNT = Symbol.for("techmatch.searchChanges");
const state = globalThis as { [COUNT]?: number };

/** Called when a document is written to the index, when the relay has applied rows, and around every form a process handles. */
export function noteSearchChange(): void {
  state[COUNT] = (state[COUNT] ?? 0) + 1;
}

export function searchChanges(): number {
  return state[COUNT] ?? 0;
}
