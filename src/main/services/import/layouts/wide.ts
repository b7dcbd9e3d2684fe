import { fieldLabels, fieldsByKind, matchHeader, type FieldId } from '../fields';
import { normalizeLabel } from '../reference-lookup';
import { parsePeriod } from '../periods';
import { fillDataRow, LabelFiller } from './fill-down';
import type { LayoutContext, LayoutModule, LayoutPlan, LongRow, RowTransformer } from './types';
import { describePeriod } from '../../../../shared/period-words';
import { importWords } from '../../../../shared/import-words-da';

/** A column naming which figure a row holds, as the Jobindsats portal and pivot tables write it. */
const measureColumnPattern = /^(måling|målinger|mål|measure|measures|measure names|nøgletal|indikator|variabel|variable|serie|tabel|opgørelse|værdi for)$/;

const keyFields: FieldId[] = ['municipality', 'group', 'period', 'periodTo', 'note'];

/** Columns whose header is a month, quarter or date (`2023M07`, `juli 2023`, `jul-23`, a real date). */
export function periodColumns(headers: string[]): { index: number; period: string }[] {
  const columns: { index: number; period: string }[] = [];
  headers.forEach((header, index) => {
    if (!header || matchHeader(header)) return;
    const period = parsePeriod(header);
    // A bare year as a header is rarely a period column in these files.
    if (period && period.kind !== 'year') columns.push({ index, period: period.value });
  });
  return columns;
}

function measureColumn(headers: string[]): number {
  return headers.findIndex((header) => measureColumnPattern.test(normalizeLabel(header ?? '').replace(/:$/, '')));
}

/** The one figure of a sheet without a measure column: the user's choice, else the sheet name or a title line. */
function sheetMeasure(context: LayoutContext, measures: FieldId[]): FieldId | null {
  if (context.wideMeasure && measures.includes(context.wideMeasure as FieldId)) return context.wideMeasure as FieldId;
  for (const text of [context.sheet ?? '', ...context.titleLines]) {
    const field = matchHeader(text);
    if (field && measures.includes(field)) return field;
  }
  return null;
}

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export const wideLayout: LayoutModule = {
  id: 'wide',
  detect(context) {
    if (context.mapping.period !== undefined || context.kind === 'supervision') return 0;
    return periodColumns(context.headers).length >= 2 ? 3 : 0;
  },
  plan(context): LayoutPlan | { problem: string } {
    const periods = periodColumns(context.headers);
    if (periods.length === 0) return { problem: importWords.layouts.noPeriodColumns };
    if (context.kind === 'supervision') return { problem: importWords.layouts.supervisionNotWide };
    const measures = fieldsByKind[context.kind].filter((field) => !keyFields.includes(field));
    const measureIndex = measureColumn(context.headers);
    const fixedMeasure = measureIndex < 0 ? sheetMeasure(context, measures) : null;
    const measureProblem =
      measureIndex < 0 && !fixedMeasure
        ? importWords.layouts.noMeasure(periods.length)
        : null;
    const { municipality, group } = context.mapping;
    const longHeaders = [fieldLabels.municipality, fieldLabels.group, fieldLabels.period, ...measures.map((field) => fieldLabels[field])];
    const longMapping: Record<string, number> = { municipality: 0, period: 2 };
    if (group !== undefined) longMapping.group = 1;
    measures.forEach((field, index) => (longMapping[field] = 3 + index));
    const measurePosition = new Map(measures.map((field, index) => [field, 3 + index]));
    const decisions = [
      importWords.layouts.wide(periods.length, describePeriod(periods[0].period), describePeriod(periods[periods.length - 1].period)),
      measureIndex >= 0
        ? importWords.layouts.measureColumn(context.headers[measureIndex])
        : fixedMeasure
          ? importWords.layouts.sheetMeasure(fieldLabels[fixedMeasure])
          : measureProblem!,
    ];
    return {
      id: 'wide',
      longHeaders,
      longMapping,
      decisions,
      measureChoice: measureIndex < 0 ? { fields: measures, field: fixedMeasure, problem: measureProblem } : undefined,
      createTransformer(): RowTransformer {
        const extra = measureIndex >= 0 ? [{ label: importWords.layouts.column(context.headers[measureIndex]), index: measureIndex }] : [];
        const filler = new LabelFiller(context.mapping, extra);
        const pending = new Map<string, LongRow>();
        const unknownMeasures = new Map<string, number>();
        const emit = (key: string | null, base: LongRow, position: number, value: unknown, column: number, out: LongRow[]) => {
          let row = key ? pending.get(key) : undefined;
          if (!row) {
            row = { ...base, cells: [...base.cells], columns: [...base.columns!] };
            if (key) pending.set(key, row);
            else out.push(row);
          }
          row.cells[position] = value;
          row.columns![position] = column;
        };
        return {
          push(row, out, skipped) {
            if (row.problem) {
              out.push(row);
              return;
            }
            const cells = fillDataRow(filler, row, context.kind, context.mapping, skipped);
            if (!cells) return;
            let field = fixedMeasure;
            if (measureIndex >= 0) {
              const label = cells[measureIndex];
              const matched = isBlank(label) ? null : matchHeader(label);
              field = matched && measures.includes(matched) ? matched : null;
              if (!field) {
                const text = isBlank(label) ? '' : String(label).trim();
                unknownMeasures.set(text, (unknownMeasures.get(text) ?? 0) + 1);
                out.push({
                  rowNumber: row.rowNumber,
                  cells: [],
                  problem: text
                    ? importWords.layouts.unknownMeasure(text, context.headers[measureIndex])
                    : importWords.layouts.emptyMeasure(context.headers[measureIndex]),
                });
                return;
              }
            }
            if (!field) {
              out.push({ rowNumber: row.rowNumber, cells: [], problem: measureProblem ?? importWords.layouts.whichMeasure });
              return;
            }
            const area = municipality !== undefined ? cells[municipality] : null;
            const groupLabel = group !== undefined ? cells[group] : null;
            const base: LongRow = {
              rowNumber: row.rowNumber,
              cells: new Array(longHeaders.length).fill(null),
              columns: new Array(longHeaders.length).fill(-1),
            };
            base.cells[0] = area;
            base.columns![0] = municipality ?? -1;
            base.cells[1] = groupLabel;
            base.columns![1] = group ?? -1;
            for (const { index, period } of periods) {
              const value = cells[index];
              base.cells[2] = period;
              base.columns![2] = index;
              const key = measureIndex >= 0 ? `${String(area)}\u0000${String(groupLabel)}\u0000${period}` : null;
              emit(key, base, measurePosition.get(field!)!, isBlank(value) ? null : value, index, out);
            }
          },
          finish(out) {
            for (const row of pending.values()) out.push(row);
            pending.clear();
          },
          notes: () => filler.notes(),
        };
      },
    };
  },
};
