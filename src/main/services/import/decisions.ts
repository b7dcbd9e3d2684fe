import type { ShareScale } from './convert';
import { fieldLabels, type FieldId, type Mapping } from './fields';
import { parseNumber } from './numbers';
import { dateParts, type DateOrder } from './periods';
import { importWords } from '../../../shared/import-words-da';

const w = importWords.decisions;

/** Share fields: their numbers are per cent or fractions, decided per column. */
export const shareFields: FieldId[] = ['interviewsLackingShare', 'interviewsWithShare', 'offersLackingShare', 'offersWithShare', 'expectedShare', 'actualShare'];

export interface ShareDecision {
  field: FieldId;
  scale: ShareScale;
  /** Whether the user chose it (else it was decided from the values). */
  chosen: boolean;
  /** Danish: what was decided and why. */
  text: string;
  /** More than the values could say: the user should look (shown as a warning). */
  uncertain: boolean;
}

export interface DateOrderDecision {
  order: DateOrder | null;
  chosen: boolean;
  text: string;
}

/** Collects what a column's values say, row by row, so the decisions rest on every value. */
export class DecisionCollector {
  private readonly share = new Map<FieldId, { values: number; above1: number; fractional: number; max: number; percentSigns: number }>();
  private dates = { values: 0, firstOver12: 0, secondOver12: 0, firstNot1: 0, secondNot1: 0, example: '' };

  constructor(private readonly mapping: Mapping) {
    for (const field of shareFields) if (mapping[field] !== undefined) this.share.set(field, { values: 0, above1: 0, fractional: 0, max: 0, percentSigns: 0 });
  }

  add(cells: unknown[]): void {
    for (const [field, stats] of this.share) {
      const value = cells[this.mapping[field]!];
      if (value === null || value === undefined || value === '') continue;
      const parsed = parseNumber(value);
      if (!parsed.ok || parsed.value === null) continue;
      stats.values++;
      if (parsed.percent) stats.percentSigns++;
      const number = Math.abs(parsed.value);
      if (number > 1) stats.above1++;
      else if (number > 0 && number < 1) stats.fractional++;
      if (number > stats.max) stats.max = number;
    }
    const period = this.mapping.period;
    if (period !== undefined) {
      const parts = dateParts(cells[period]);
      if (parts) {
        const dates = this.dates;
        dates.values++;
        if (!dates.example) dates.example = String(cells[period]).trim();
        if (parts.first > 12) dates.firstOver12++;
        if (parts.second > 12) dates.secondOver12++;
        if (parts.first !== 1) dates.firstNot1++;
        if (parts.second !== 1) dates.secondNot1++;
      }
    }
  }

  /** True when the values seen so far already decide every column (no need to read the rest). */
  settled(): boolean {
    for (const stats of this.share.values()) if (stats.above1 === 0 && stats.percentSigns === 0 && stats.values > 0) return false;
    const dates = this.dates;
    if (dates.values > 0 && dates.firstOver12 === 0 && dates.secondOver12 === 0) return false;
    return true;
  }

  shareDecisions(headers: string[], chosen: Partial<Record<string, ShareScale>> = {}): ShareDecision[] {
    const decisions: ShareDecision[] = [];
    for (const [field, stats] of this.share) {
      // An empty column has nothing to scale (a wide sheet maps every measure, most stay empty).
      if (stats.values === 0 && !chosen[field]) continue;
      const header = headers[this.mapping[field]!] ?? fieldLabels[field];
      const name = `"${header}"`;
      if (chosen[field]) {
        decisions.push({ field, scale: chosen[field]!, chosen: true, uncertain: false, text: w.chosenScale(name, chosen[field] === 'fraction' ? w.fraction : w.percent) });
        continue;
      }
      const saysPercent = /pct|procent|%/i.test(header);
      if (stats.above1 > 0 || stats.percentSigns > 0 || (stats.fractional === 0 && saysPercent)) {
        decisions.push({
          field,
          scale: 'percent',
          chosen: false,
          uncertain: false,
          text: stats.above1 > 0 ? w.percentUpTo(name, stats.max) : w.percentSigns(name),
        });
      } else {
        decisions.push({
          field,
          scale: 'fraction',
          chosen: false,
          // "(pct.)" over values that are all 1 or less: most likely fractions (pandas), but say so.
          uncertain: saysPercent,
          text: w.fractions(name, stats.values, saysPercent),
        });
      }
    }
    return decisions;
  }

  dateOrderDecision(headers: string[], chosen?: DateOrder): DateOrderDecision | null {
    const dates = this.dates;
    if (dates.values === 0) return null;
    const column = `"${headers[this.mapping.period!] ?? fieldLabels.period}"`;
    if (chosen) return { order: chosen, chosen: true, text: w.chosenOrder(column, chosen === 'month-first' ? w.monthFirst : w.dayFirst) };
    if (dates.firstOver12 > 0 && dates.secondOver12 > 0) {
      return { order: null, chosen: false, text: w.mixedOrder(column, dates.example) };
    }
    if (dates.firstOver12 > 0) return { order: 'day-first', chosen: false, text: w.dayFirstOver12(column) };
    if (dates.secondOver12 > 0) return { order: 'month-first', chosen: false, text: w.monthFirstOver12(column) };
    // Month dates are written as the first day of the month: the part that is always 1 is the day.
    if (dates.firstNot1 === 0 && dates.secondNot1 > 0) return { order: 'day-first', chosen: false, text: w.dayFirstDay1(column) };
    if (dates.secondNot1 === 0 && dates.firstNot1 > 0) return { order: 'month-first', chosen: false, text: w.monthFirstDay1(column) };
    return { order: null, chosen: false, text: w.undecidedOrder(column, dates.example) };
  }
}
