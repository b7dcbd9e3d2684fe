/**
 * Ordered schema migrations. Never edit one that has shipped: add the next.
 * Shares are stored as fractions (0.2 = 20 %), months as `YYYY-MM`.
 */
export const migrations: { version: number; description: string; sql: string }[] = [
  {
    version: 1,
    description: 'reference tables, import batches, measurements, decisions, rule sets',
    sql: `
CREATE TABLE municipality (
  code INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  region TEXT NOT NULL,
  labour_market_office TEXT NOT NULL
);

CREATE TABLE benefit_group (
  id TEXT PRIMARY KEY,
  label TEXT NOT NULL UNIQUE,
  sort_order INTEGER NOT NULL
);

-- Legal requirements per benefit group as dated rows: a change in the law is a new row.
CREATE TABLE group_requirement (
  group_id TEXT NOT NULL REFERENCES benefit_group(id),
  effective_from TEXT NOT NULL,
  min_interviews INTEGER NOT NULL CHECK (min_interviews >= 0),
  offer_required INTEGER NOT NULL CHECK (offer_required IN (0, 1)),
  source TEXT NOT NULL,
  note TEXT,
  PRIMARY KEY (group_id, effective_from)
);

-- One row per imported file: every fact row points here, so every number traces to a file.
CREATE TABLE import_batch (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  reader TEXT NOT NULL,
  mapping_json TEXT,
  rows_read INTEGER NOT NULL DEFAULT 0,
  rows_imported INTEGER NOT NULL DEFAULT 0,
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  rows_replaced INTEGER NOT NULL DEFAULT 0,
  report_json TEXT,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  is_demo INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX import_batch_sha256 ON import_batch(sha256);

-- Early-effort measurements (models A, B, D). Rows of every batch are kept; the current value
-- of a key is the one from the newest batch, so removing a batch restores what was before.
CREATE TABLE measurement (
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  group_id TEXT NOT NULL REFERENCES benefit_group(id),
  month TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  measured INTEGER CHECK (measured >= 0),
  interviews_lacking INTEGER CHECK (interviews_lacking >= 0),
  interviews_lacking_share REAL CHECK (interviews_lacking_share BETWEEN 0 AND 1),
  offers_lacking INTEGER CHECK (offers_lacking >= 0),
  offers_lacking_share REAL CHECK (offers_lacking_share BETWEEN 0 AND 1),
  -- 'counts' when the file gave counts, 'shares' when it gave only shares (never rounded into counts)
  source_form TEXT NOT NULL CHECK (source_form IN ('counts', 'shares')),
  PRIMARY KEY (municipality_code, group_id, month, batch_id)
) WITHOUT ROWID;
CREATE INDEX measurement_batch ON measurement(batch_id);

CREATE VIEW measurement_current AS
SELECT m.* FROM measurement m
WHERE NOT EXISTS (
  SELECT 1 FROM measurement newer
  WHERE newer.municipality_code = m.municipality_code AND newer.group_id = m.group_id
    AND newer.month = m.month AND newer.batch_id > m.batch_id
);

-- Result target of enhanced supervision (model C), Jobindsats table Y30R21.
CREATE TABLE benchmark (
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  group_label TEXT NOT NULL,
  period TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  expected_count INTEGER,
  actual_count INTEGER,
  difference_count INTEGER,
  expected_share REAL,
  actual_share REAL,
  difference_points REAL,
  benchmark_rank INTEGER,
  PRIMARY KEY (municipality_code, group_label, period, batch_id)
) WITHOUT ROWID;
CREATE INDEX benchmark_batch ON benchmark(batch_id);

-- Focus targets of enhanced supervision (model C): citizens with >= 12 months' seniority.
CREATE TABLE focus_measurement (
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  group_label TEXT NOT NULL,
  period TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  measured INTEGER CHECK (measured >= 0),
  interviews_lacking INTEGER CHECK (interviews_lacking >= 0),
  interviews_lacking_share REAL CHECK (interviews_lacking_share BETWEEN 0 AND 1),
  offers_lacking INTEGER CHECK (offers_lacking >= 0),
  offers_lacking_share REAL CHECK (offers_lacking_share BETWEEN 0 AND 1),
  source_form TEXT NOT NULL CHECK (source_form IN ('counts', 'shares')),
  PRIMARY KEY (municipality_code, group_label, period, batch_id)
) WITHOUT ROWID;
CREATE INDEX focus_measurement_batch ON focus_measurement(batch_id);

-- Municipalities under enhanced supervision, imported (batch_id) or entered in the app.
CREATE TABLE supervision_entry (
  id INTEGER PRIMARY KEY,
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  period_from TEXT NOT NULL,
  period_to TEXT,
  note TEXT,
  batch_id INTEGER REFERENCES import_batch(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  removed_at TEXT,
  removed_by TEXT
);

-- Reviewers' decisions: append-only, a change is a new row.
CREATE TABLE decision (
  id INTEGER PRIMARY KEY,
  rule_set_id TEXT NOT NULL,
  period TEXT NOT NULL,
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  subject TEXT NOT NULL,
  verdict TEXT NOT NULL,
  decided_on TEXT,
  reason TEXT NOT NULL DEFAULT '',
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL
);
CREATE INDEX decision_lookup ON decision(rule_set_id, period, municipality_code);
CREATE TRIGGER decision_append_only_update BEFORE UPDATE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decision_append_only_delete BEFORE DELETE ON decision
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

-- User-made rule sets (copies with changed parameters); the built-in ones live in code.
CREATE TABLE rule_set (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  model TEXT NOT NULL,
  version TEXT NOT NULL,
  based_on TEXT,
  params_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE mapping_profile (
  name TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  header_signature TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE app_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
  },
  // trust-exports (issue 14 item 8): the newest month and one month's rows without a scan of
  // every measurement (municipalities.list, the period pickers).
  {
    version: 2,
    description: 'index of measurements by month',
    sql: `CREATE INDEX measurement_month ON measurement(month, municipality_code, group_id, batch_id);`,
  },
  // decisions (issue 13 item 5): a withdrawal names the decision it withdraws; history keeps both rows.
  {
    version: 3,
    description: 'decisions: a withdrawal points to the decision it withdraws',
    sql: `
ALTER TABLE decision ADD COLUMN withdraws_id INTEGER REFERENCES decision(id);
CREATE INDEX decision_subject ON decision(rule_set_id, period, municipality_code, subject);
`,
  },
  // decisions (issue 13 item 7): the reviewer's contact persons per municipality.
  {
    version: 4,
    description: "reviewer's contact persons per municipality",
    sql: `
CREATE TABLE contact_person (
  id INTEGER PRIMARY KEY,
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  jobcenter TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  removed_at TEXT,
  removed_by TEXT
);
CREATE INDEX contact_person_code ON contact_person(municipality_code);
`,
  },
  // citizens (issue 10): a jobcenter's own extract of benefit spells and events, and what the engine
  // derives from them. `citizen_spell` and `citizen_event` are imported rows (every row points to its
  // batch, so undo removes them); `citizen_window` and `citizen_measurement` are rebuilt by the engine
  // from those rows after every citizen import or undo, never edited by hand.
  {
    version: 5,
    description: 'citizen-level data: spells, events, derived windows and monthly counts',
    sql: `
CREATE TABLE citizen_spell (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  source_row INTEGER NOT NULL,
  citizen_id TEXT NOT NULL,
  spell_ref TEXT,
  municipality_code INTEGER NOT NULL REFERENCES municipality(code),
  group_id TEXT NOT NULL REFERENCES benefit_group(id),
  start_date TEXT NOT NULL CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  end_date TEXT CHECK (end_date IS NULL OR end_date >= start_date)
);
CREATE INDEX citizen_spell_citizen ON citizen_spell(citizen_id, start_date);
CREATE INDEX citizen_spell_batch ON citizen_spell(batch_id);

CREATE TABLE citizen_event (
  id INTEGER PRIMARY KEY,
  batch_id INTEGER NOT NULL REFERENCES import_batch(id) ON DELETE CASCADE,
  source_row INTEGER NOT NULL,
  citizen_id TEXT NOT NULL,
  spell_ref TEXT,
  event_date TEXT NOT NULL CHECK (event_date GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
  kind TEXT NOT NULL CHECK (kind IN ('interview', 'offer')),
  held_by TEXT CHECK (held_by IS NULL OR held_by IN ('jobcenter', 'a-kasse')),
  offer_type TEXT
);
CREATE INDEX citizen_event_citizen ON citizen_event(citizen_id, event_date);
CREATE INDEX citizen_event_batch ON citizen_event(batch_id);

-- One row per spell as the engine reads it (RULES.md "Who is measured"): the window
-- [start_date, window_end) of six months, what counted in it, what was required, what is missing.
CREATE TABLE citizen_window (
  spell_id INTEGER PRIMARY KEY,
  citizen_id TEXT NOT NULL,
  municipality_code INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  window_end TEXT NOT NULL,
  deadline TEXT NOT NULL,
  cohort_month TEXT,
  interviews_counted INTEGER NOT NULL,
  interviews_not_counted INTEGER NOT NULL,
  offers INTEGER NOT NULL,
  required_interviews INTEGER NOT NULL,
  offer_required INTEGER NOT NULL CHECK (offer_required IN (0, 1)),
  requirement_from TEXT NOT NULL,
  interviews_missing INTEGER NOT NULL,
  offer_missing INTEGER NOT NULL CHECK (offer_missing IN (0, 1))
);
CREATE INDEX citizen_window_cohort ON citizen_window(municipality_code, group_id, cohort_month);
CREATE INDEX citizen_window_deadline ON citizen_window(municipality_code, window_end);
CREATE INDEX citizen_window_citizen ON citizen_window(citizen_id);

-- The monthly counts derived from citizen_window, in the form of measurement (counts only).
CREATE TABLE citizen_measurement (
  municipality_code INTEGER NOT NULL,
  group_id TEXT NOT NULL,
  month TEXT NOT NULL,
  measured INTEGER NOT NULL,
  interviews_lacking INTEGER NOT NULL,
  offers_lacking INTEGER,
  PRIMARY KEY (municipality_code, group_id, month)
) WITHOUT ROWID;
CREATE INDEX citizen_measurement_month ON citizen_measurement(month, municipality_code, group_id);
`,
  },
  // danish-finish (issue 11 item 5): an undone import stays in the history, marked as undone with
  // who and when; its fact rows go. The file's SHA-256 is unique only among batches not undone, so
  // the same file can be read in again after an undo.
  {
    version: 6,
    description: 'import batches: undone imports stay in the history',
    sql: `
ALTER TABLE import_batch ADD COLUMN undone_at TEXT;
ALTER TABLE import_batch ADD COLUMN undone_by TEXT;
DROP INDEX import_batch_sha256;
CREATE UNIQUE INDEX import_batch_sha256 ON import_batch(sha256) WHERE undone_at IS NULL;
`,
  },
  // cit-desk (issue 10): the citizen grid's first page on a million spells. Days left sort on
  // window_end; "still within reach" is counted from the first index alone (it covers the filter);
  // a benefit-group filter with the default sort, and the start-date sort, each have their own.
  {
    version: 7,
    description: 'indexes for the citizen grid: days left, within reach, benefit group, start date',
    sql: `
CREATE INDEX citizen_window_reach ON citizen_window(window_end, interviews_missing, offer_missing, end_date);
CREATE INDEX citizen_window_group ON citizen_window(group_id, window_end);
CREATE INDEX citizen_window_start ON citizen_window(start_date);
`,
  },
  // cit-engine (issue 10): the derivation reads each window's events from this index alone (no row
  // lookups, and in the order that lets it drop duplicates without sorting): 5,000,000 events
  // derive in seconds. It covers citizen_event_citizen's columns, so that index goes.
  {
    version: 8,
    description: 'citizen events: a covering index for the derivation',
    sql: `
CREATE INDEX citizen_event_cover ON citizen_event(citizen_id, event_date, kind, held_by, spell_ref);
DROP INDEX citizen_event_citizen;
`,
  },
  // cit-derive (issue 10): the cohort index also carries what the monthly counts sum, so
  // citizen_measurement is read off the index in its order (no sort of a million windows).
  {
    version: 9,
    description: 'citizen windows: the cohort index covers the monthly counts',
    sql: `
DROP INDEX citizen_window_cohort;
CREATE INDEX citizen_window_cohort ON citizen_window(municipality_code, group_id, cohort_month, interviews_missing, offer_required, offer_missing);
`,
  },
  // derive-speed (issue 10): every index on citizen_window is sorted anew on each derivation (about a
  // second of CPU each on a million windows). The start-date sort is read off citizen_window_reach
  // instead (the window's end follows the start date: the grid sorts by window_end, then start_date),
  // so the start-date index goes.
  {
    version: 10,
    description: 'citizen windows: the start-date index goes, so the derivation sorts less',
    sql: `
DROP INDEX citizen_window_start;
`,
  },
  // derive-speed (issue 10): one more of the five index sorts goes. A citizen's windows are found by the
  // spells' (citizen, start) index, whose ids are the windows' ids, and the grid's CPR-nummer sort reads
  // that index in order.
  {
    version: 11,
    description: 'citizen windows: the citizen index goes (the spells have one), so the derivation sorts less',
    sql: `
DROP INDEX citizen_window_citizen;
`,
  },
];
