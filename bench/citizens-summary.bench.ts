/**
 * derive-speed (issue 10): the citizen figures against the issue's targets, in one table, after
 * citizens-desk, citizens-engine and citizens-import (this file's name sorts after theirs). Prints only.
 */
import { figures } from './citizens-targets';

const format = (value: number, unit: string) => (unit === 's' ? `${value.toFixed(1)} s` : unit === '×' ? `${value.toFixed(2)}×` : `${value.toFixed(unit === 'ms' && value < 10 ? 1 : 0)} ${unit}`);

export async function run(): Promise<void> {
  if (figures.length === 0) {
    console.log('(no citizen figures: run with the citizen benches, `npm run bench -- citizens`)');
    return;
  }
  const spells = Number(process.env.BENCH_SPELLS ?? 1_000_000);
  console.log(`Citizen figures against issue 10's targets at ${spells.toLocaleString('en')} spells (met = below the target; "load" = 1-minute load average when measured):`);
  let area = '';
  for (const figure of figures) {
    if (figure.area !== area) {
      area = figure.area;
      console.log(`  ${area}`);
    }
    const met = figure.unit === '×' ? figure.value <= figure.target : figure.value < figure.target;
    const target = `${figure.unit === '×' ? '≤' : '<'} ${format(figure.target, figure.unit)}`;
    console.log(
      `    ${met ? 'met    ' : 'NOT MET'}  ${figure.label.padEnd(66)} ${format(figure.value, figure.unit).padStart(9)}  target ${target.padEnd(9)} load ${figure.load.toFixed(1)}${figure.note ? `  (${figure.note})` : ''}`,
    );
  }
}
