/**
 * Which row first had each key, for the duplicate check. Measurement keys are small integers,
 * so they live in an open-addressing hash table of two Int32Arrays: a million keys cost 16 MB
 * flat and nothing for the garbage collector, where a Map costs several times that.
 * cit-import (issue 10): a spell's key is a whole number up to 2^50 (citizen, group and start date
 * in one number); those live in the same kind of table with a Float64Array of keys (24 MB for a
 * million spells, where a Map of boxed numbers costs several times that). Other keys: a Map.
 */
export class KeyIndex {
  private readonly narrow: FlatTable;
  private readonly wide = new FlatTable((length) => new Float64Array(length), 1 << 10);
  private readonly others = new Map<string | number, number>();

  constructor(capacity = 1 << 16) {
    this.narrow = new FlatTable((length) => new Int32Array(length), capacity);
  }

  /** Records `row` for `key` and returns 0, or returns the row that had the key first. */
  firstRow(key: number | string, row: number): number {
    if (typeof key === 'number' && Number.isInteger(key) && key >= 0) {
      if (key < 0x7fffffff) return this.narrow.firstRow(key, row);
      if (Number.isSafeInteger(key)) return this.wide.firstRow(key, row);
    }
    const earlier = this.others.get(key);
    if (earlier !== undefined) return earlier;
    this.others.set(key, row);
    return 0;
  }
}

/** Whole numbers 0 ≤ key < 2^53 (below 2^31 when the keys are an Int32Array) → first row. */
class FlatTable {
  private keys: Int32Array | Float64Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;

  constructor(
    private readonly makeKeys: (length: number) => Int32Array | Float64Array,
    capacity: number,
  ) {
    this.keys = makeKeys(capacity);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** The home slot: both 32-bit halves mixed (the high half is 0 below 2^32). */
  private static slot(stored: number, mask: number): number {
    const low = stored % 4_294_967_296 | 0;
    const high = Math.floor(stored / 4_294_967_296) | 0;
    return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) & mask;
  }

  firstRow(key: number, row: number): number {
    const stored = key + 1; // 0 marks an empty slot
    let slot = FlatTable.slot(stored, this.mask);
    while (this.keys[slot] !== 0) {
      if (this.keys[slot] === stored) return this.rows[slot];
      slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = stored;
    this.rows[slot] = row;
    if (++this.count * 2 > this.keys.length) this.grow();
    return 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldRows = this.rows;
    this.keys = this.makeKeys(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let index = 0; index < oldKeys.length; index++) {
      const stored = oldKeys[index];
      if (stored === 0) continue;
      let slot = FlatTable.slot(stored, this.mask);
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = stored;
      this.rows[slot] = oldRows[index];
    }
  }
}
