import os from 'node:os';

/**
 * derive-speed (issue 10): the citizen benches' figures against the issue's targets, collected while
 * citizens-desk, citizens-engine and citizens-import run, and printed together at the end by
 * citizens-summary.bench.ts (`npm run bench -- citizens`). Each figure keeps the load average it was
 * measured at: the machine may be shared, and wall time moves with the load.
 */
export interface Figure {
  area: string;
  label: string;
  value: number;
  unit: 'ms' | 's' | '×' | 'MB';
  target: number;
  /** Extra words printed after the figure (e.g. the CPU time beside the wall time). */
  note?: string;
  load: number;
}

export const figures: Figure[] = [];

export function record(area: string, label: string, value: number, unit: Figure['unit'], target: number, note?: string): void {
  figures.push({ area, label, value, unit, target, note, load: os.loadavg()[0] });
}
