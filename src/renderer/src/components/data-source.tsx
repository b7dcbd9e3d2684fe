import type { AvailablePeriods, BatchRef, DataSource } from '../../../shared/api';
import { messages } from '../messages/da';
import { useApi } from '../use-api';

/**
 * citizen-models (issue 10): the data source of a model screen. Models B and D run on Jobindsats'
 * published counts (the default) or on the monthly counts the engine derived from the imported
 * citizen data; the screen says which, above its figures and in every file saved from it.
 */
const words = messages.models.source;

export function DataSourcePicker({ value, onChange }: { value: DataSource; onChange(source: DataSource): void }) {
  return (
    <label>
      {words.label}{' '}
      <select value={value} onChange={(event) => onChange(event.target.value as DataSource)} data-testid="model-source">
        <option value="published">{words.options.published}</option>
        <option value="citizens">{words.options.citizens}</option>
      </select>
    </label>
  );
}

/** The months a source has (its own `periods.available`); Jobindsats' call is the one every other screen makes. */
export function useSourcePeriods(source: DataSource) {
  return useApi('periods.available', source === 'citizens' ? { source } : undefined);
}

/** The screen's month: the one chosen, else the source's latest (nearly) full month, else its latest. */
export function defaultMonth(periods: AvailablePeriods | null): string {
  return periods?.latestFullMonth || periods?.months.at(-1) || '';
}

/** A month picker's choices: the source's months with their coverage, and a chosen month the source lacks, marked so. */
export function sourceMonthChoices(periods: AvailablePeriods | null, ...chosen: string[]): { value: string; label: string }[] {
  const coverage = periods?.monthCoverage ?? [];
  const choices = coverage.map((candidate) => ({ value: candidate.month, label: messages.models.country.monthOption(candidate.month, candidate.municipalities, candidate.of) }));
  const missing = [...new Set(chosen)].filter((month) => month && !coverage.some((candidate) => candidate.month === month));
  return [...missing.map((month) => ({ value: month, label: words.noMonthOption(month) })), ...choices].sort((a, b) => a.value.localeCompare(b.value));
}

/**
 * Why a model cannot be shown for the chosen source and months, in Danish with what to do, or
 * null when it can: no citizen data at all, or a month without counts. Never zeros for missing data.
 */
export function missingData(source: DataSource, periods: AvailablePeriods | null, months: string[]): string | null {
  if (!periods) return null;
  if (source === 'citizens' && periods.months.length === 0) return words.noCitizenData;
  const missing = months.find((month) => month && !periods.months.includes(month));
  if (!missing) return null;
  return source === 'citizens' ? words.noMonth.citizens(missing, periods.months[0], periods.months.at(-1)!) : words.noMonth.published(missing);
}

export function MissingData({ message }: { message: string }) {
  return (
    <p className="error" role="alert" data-testid="model-source-missing">
      {message}
    </p>
  );
}

/** "Kilde: …": which counts the figures below come from, and the files behind them (at most three named). */
export function SourceLine({ source, batches }: { source: DataSource; batches: BatchRef[] }) {
  const names = batches.slice(0, 3).map((batch) => batch.fileName);
  if (batches.length > 3) names.push(words.moreFiles(batches.length - 3));
  return (
    <p className={source === 'citizens' ? 'source-line citizens' : 'source-line'} data-testid="model-source-line" data-source={source}>
      {(source === 'published' && batches.length > 0 && batches.every((batch) => batch.isDemo) ? words.line.demo : words.line[source])(names.join(', '))}
    </p>
  );
}

/**
 * The screen when the chosen source has no months: loading, or no data; with no Jobindsats counts but
 * citizen data stored, where to choose it instead (issue 10: never "no data yet" over a million spells).
 */
export function NoMonths({ source, loading }: { source: DataSource; loading: boolean }) {
  const citizens = useApi('citizens.status', source === 'published' && !loading ? {} : null);
  if (loading) return <p className="muted">{messages.loading}</p>;
  const text = source === 'published' && (citizens.data?.spells ?? 0) > 0 ? words.noPublishedButCitizens : messages.demo.empty;
  return (
    <p className="muted" data-testid="model-no-months">
      {text}
    </p>
  );
}
