/**
 * Which row first had each key, for the duplicate check. Measurement keys are small integers,
 * so they live in an open-addressing hash table of two Int32Arrays: a million keys cost 16 MB
 * flat and nothing for the garbage collector, where a Map costs several times that.
 */
export class KeyIndex {
  private keys: Int32Array;
  private rows: Int32Array;
  private mask: number;
  private count = 0;
  private readonly others = new Map<string | number, number>();
  private readonly wide = new WideKeyIndex();

  constructor(capacity = 1 << 16) {
    this.keys = new Int32Array(capacity);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  /** Records `row` for `key` and returns 0, or returns the row that had the key first. */
  firstRow(key: number | string, row: number): number {
    // cit-import (issue 10): a spell's key is a whole number up to 2^50: its own flat table.
    if (typeof key === 'number' && key >= 0x7fffffff && Number.isSafeInteger(key)) return this.wide.firstRow(key, row);
    if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= 0x7fffffff) {
      const earlier = this.others.get(key);
      if (earlier !== undefined) return earlier;
      this.others.set(key, row);
      return 0;
    }
    const stored = key + 1; // 0 marks an empty slot
    let slot = Math.imul(stored, 0x9e3779b1) & this.mask;
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
    this.keys = new Int32Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let index = 0; index < oldKeys.length; index++) {
      const stored = oldKeys[index];
      if (stored === 0) continue;
      let slot = Math.imul(stored, 0x9e3779b1) & this.mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = stored;
      this.rows[slot] = oldRows[index];
    }
  }
}

/**
 * cit-import (issue 10): the same for whole numbers from 2^31 up to 2^53 (a spell's key: citizen,
 * group and start date in one number), in a Float64Array and an Int32Array: a million spells cost
 * 24 MB flat and nothing for the garbage collector, where a Map of boxed numbers costs several times that.
 */
class WideKeyIndex {
  private keys = new Float64Array(1 << 10);
  private rows = new Int32Array(1 << 10);
  private mask = (1 << 10) - 1;
  private count = 0;

  private static slot(stored: number, mask: number): number {
    const low = stored % 4_294_967_296 | 0;
    const high = Math.floor(stored / 4_294_967_296) | 0;
    return Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) & mask;
  }

  firstRow(key: number, row: number): number {
    const stored = key + 1; // 0 marks an empty slot; key + 1 stays exact below 2^53
    let slot = WideKeyIndex.slot(stored, this.mask);
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
    this.keys = new Float64Array(oldKeys.length * 2);
    this.rows = new Int32Array(oldKeys.length * 2);
    this.mask = this.keys.length - 1;
    for (let index = 0; index < oldKeys.length; index++) {
      const stored = oldKeys[index];
      if (stored === 0) continue;
      let slot = WideKeyIndex.slot(stored, this.mask);
      while (this.keys[slot] !== 0) slot = (slot + 1) & this.mask;
      this.keys[slot] = stored;
      this.rows[slot] = oldRows[index];
    }
  }
}
