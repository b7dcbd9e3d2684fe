import { describe, expect, it } from 'vitest';
import { shareBands } from '../../src/renderer/src/share-bands';

// Model D's distribution chart: which 5-point band each municipality's share falls in.
describe('the distribution chart’s bands', () => {
  const bandOf = (share: number) => shareBands([share]).findIndex((band) => band.count === 1);

  it('counts a share of exactly 20 % with 15–20 % (not above "more than 20 %"), and anything more in 20–25 %', () => {
    expect(bandOf(0.2)).toBe(3);
    expect(bandOf(0.2001)).toBe(4);
    expect(bandOf(0.1999)).toBe(3);
    // 0.15 + 0.05 is 0.20000000000000004 in floating point: still exactly 20 %.
    expect(bandOf(0.15 + 0.05)).toBe(3);
  });

  it('puts 0 % in the first band and everything from 55 % up in the last, and skips missing shares', () => {
    expect(bandOf(0)).toBe(0);
    expect(bandOf(0.05)).toBe(0);
    expect(bandOf(0.9)).toBe(11);
    const bands = shareBands([null, 0.1, 0.1, 0.3, null]);
    expect(bands.reduce((sum, band) => sum + band.count, 0)).toBe(3);
    expect(bands[1].count).toBe(2);
    expect(bands[5].count).toBe(1);
  });
});
