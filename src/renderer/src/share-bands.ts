/**
 * Model D's distribution chart: how many municipalities lack interviews in each 5-point band of
 * shares, 0–5 % up to 55–60 % (the last band also holds everything above). A band holds
 * (from, from + 5 %], so a share of exactly 20 % is counted with 15–20 %: it is not above a "more than
 * 20 %" threshold, and the red bands start above it. Shares are taken in whole hundredths of a
 * percent, so 0.2 / 0.05 cannot land in the next band by floating-point error.
 */
export function shareBands(shares: (number | null)[], bandCount = 12): { from: number; count: number }[] {
  const bands = Array.from({ length: bandCount }, (_, index) => ({ from: index * 0.05, count: 0 }));
  for (const share of shares) {
    if (share === null) continue;
    const band = Math.max(0, Math.ceil(Math.round(share * 10000) / 500) - 1);
    bands[Math.min(bandCount - 1, band)].count += 1;
  }
  return bands;
}
