import { idf as idfFile } from "@node-rs/jieba/dict.js";

/**
 * jieba's IDF table (a general Chinese corpus, 270,000 words), kept as the file's own text plus an
 * open-addressing index of where each line starts. A Map of it held 270,000 strings: 34 MB of the
 * server's heap that every full garbage collection walked. This is the text and two typed arrays,
 * about 10 MB, built on first use.
 */
class IdfTable {
  private readonly text: string;
  /** Start of a word's line + 1, at the slot its hash leads to (0: empty). */
  private readonly starts: Int32Array;
  private readonly values: Float64Array;
  private readonly mask: number;
  readonly median: number;

  constructor(text: string) {
    this.text = text;
    let lines = 1;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines++;
    let size = 1;
    while (size < lines * 2) size *= 2;
    this.mask = size - 1;
    this.starts = new Int32Array(size);
    this.values = new Float64Array(size);
    const all: number[] = [];
    for (let start = 0; start < text.length; ) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = text.length;
      const space = text.lastIndexOf(" ", end);
      if (space > start) {
        const value = Number(text.slice(space + 1, end));
        const slot = this.find(text.slice(start, space));
        // Every line is "word value": one space, no word twice (checked on the file jieba ships).
        this.starts[slot] = start + 1;
        this.values[slot] = value;
        all.push(value);
      }
      start = end + 1;
    }
    all.sort((a, b) => a - b);
    this.median = all[Math.floor(all.length / 2)] ?? 0;
  }

  /** The slot that holds `word`, or the empty slot where it would go. */
  private find(word: string): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const start = this.starts[slot] - 1;
      if (start < 0) return slot;
      if (this.text.startsWith(word, start) && this.text.charCodeAt(start + word.length) === 32) return slot;
    }
  }

  get(word: string): number | undefined {
    const slot = this.find(word);
    return this.starts[slot] === 0 ? undefined : this.values[slot];
  }

  has(word: string): boolean {
    return this.starts[this.find(word)] !== 0;
  }
}

let table: IdfTable | undefined;
export function idfTable(): IdfTable {
  return (table ??= new IdfTable(new TextDecoder().decode(idfFile)));
}
