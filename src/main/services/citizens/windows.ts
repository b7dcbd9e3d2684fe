import type { Db } from '../store';

/**
 * `citizen_window`: one row per spell, rebuilt from `citizen_spell` and `citizen_event` (issue 10,
 * RULES.md "Who is measured"). Set-based SQL in a few statements over temporary tables, so a
 * million spells and five million events derive in seconds.
 *
 * The rules, with the interpretations marked:
 * - **Window**: `[start, start + 6 months)`. Six months after a day that the sixth month does not
 *   have (31 August → "31 February") is the first day of the month after (1 March), so the last
 *   day inside, the `deadline`, is the last day of February (28th or 29th). In SQL:
 *   `MIN(date(start, '+6 months'), date(start, 'start of month', '+7 months'))`.
 * - **Cohort month**: the month of `window_end`, the day the spell has lasted six months.
 *   **Interpretation**: a spell is measured only when it is still running on that day (no end
 *   date, or an end date on or after `window_end`); a spell that ends on its deadline or before
 *   never enters a cohort (`cohort_month` NULL).
 * - **Requirement**: by benefit group and the spell's start date, from the dated
 *   `group_requirement` rows (the row with the latest `effective_from` on or before the start;
 *   before the table's first date, its earliest row, as the pooled model SQL does). Dagpenge
 *   spells from 2024-01-01 need 3 interviews.
 * - **Interviews**: only interviews held by the jobcenter count toward the minimum (RULES.md:
 *   "min. interviews with the jobcenter"); a-kasse interviews are kept in
 *   `interviews_not_counted`. **Interpretation**: an interview without `held_by` was held by the
 *   jobcenter.
 * - **Duplicates**: the same citizen, date, kind and holder count once. **Interpretation**: offers
 *   count once per day (the requirement is at least one; two offers on one day are one).
 * - **Which spell an event belongs to**: when the event names a spell (`spell_ref`) that one of
 *   the citizen's spells carries, that spell (if the date is inside its window). Otherwise by
 *   citizen and date: **interpretation**: the citizen's latest spell started on or before the
 *   date whose window holds it, so an event never counts for two spells of one citizen (two
 *   spells starting the same day both count it).
 * - **A spell that moves municipality** (**interpretation**): rows of the same citizen and
 *   benefit group where one ends the day before the next starts are one spell continued (in
 *   another municipality, or in the same one); the window runs from the first row's start, and
 *   the municipality measured is the one responsible on the day the spell reaches six months
 *   (the row running on `window_end`; for a spell that ends before, the last row). The window's
 *   `spell_id` is the first row's id.
 */

/**
 * Each window's distinct days with a counted interview, an a-kasse interview, an offer. With FILTER, an
 * event reaches only its own kind's set of days (derive-speed: three `COUNT(DISTINCT CASE … END)` each
 * looked every event up in its set, about 0.3 s more on five million events).
 */
const interviewsCounted = "COUNT(DISTINCT e.event_date) FILTER (WHERE e.kind = 'interview' AND IFNULL(e.held_by, 'jobcenter') = 'jobcenter')";
const interviewsNotCounted = "COUNT(DISTINCT e.event_date) FILTER (WHERE e.kind = 'interview' AND e.held_by = 'a-kasse')";
const offersCounted = "COUNT(DISTINCT e.event_date) FILTER (WHERE e.kind = 'offer')";

/** The statements, in order; every one constant text. */
const steps = [
  'DROP TABLE IF EXISTS temp.cw_link',
  'DROP TABLE IF EXISTS temp.cw_cut',
  'DROP TABLE IF EXISTS temp.cw_chain',
  'DROP TABLE IF EXISTS temp.cw_part',
  'DROP TABLE IF EXISTS temp.cw_req',
  'DROP TABLE IF EXISTS temp.cw_cal',
  // Each start date's window end and deadline, computed once per distinct day rather than once per spell
  // (derive-speed: the date functions on a million spells cost more than this lookup).
  `CREATE TEMP TABLE cw_cal (day TEXT PRIMARY KEY, window_end TEXT NOT NULL, deadline TEXT NOT NULL) WITHOUT ROWID`,
  `INSERT INTO temp.cw_cal (day, window_end, deadline)
   SELECT day, window_end, date(window_end, '-1 day')
   FROM (SELECT day, MIN(date(day, '+6 months'), date(day, 'start of month', '+7 months')) AS window_end
         FROM (SELECT DISTINCT start_date AS day FROM citizen_spell))`,
  // Rows continued by a row that starts the next day (same citizen and group): the row → the one before it.
  `CREATE TEMP TABLE cw_link (spell_id INTEGER PRIMARY KEY, prev_id INTEGER NOT NULL)`,
  // When two rows end the day before one starts, the one with the lower id. Found from each ended row by
  // (citizen, the next day) in the spells' index, then grouped (derive-speed: the few links are sorted,
  // not a million rows scanned with every row of the citizen read for each).
  `INSERT INTO temp.cw_link (spell_id, prev_id)
   SELECT next_id, MIN(prev_id) FROM (
     SELECT b.id AS next_id, a.id AS prev_id FROM citizen_spell a
     JOIN citizen_spell b ON b.citizen_id = a.citizen_id AND b.start_date = date(a.end_date, '+1 day') AND b.group_id = a.group_id AND b.id <> a.id
     WHERE a.end_date IS NOT NULL LIMIT -1)
   GROUP BY next_id ORDER BY next_id`,
  // Every row of a continued spell → the first row (its head), for the few rows that have a link.
  `CREATE TEMP TABLE cw_part (spell_id INTEGER PRIMARY KEY, head_id INTEGER NOT NULL, depth INTEGER NOT NULL)`,
  `INSERT INTO temp.cw_part (spell_id, head_id, depth)
   WITH RECURSIVE chain(spell_id, head_id, depth) AS (
     SELECT l.prev_id, l.prev_id, 0 FROM temp.cw_link l WHERE l.prev_id NOT IN (SELECT spell_id FROM temp.cw_link)
     UNION
     SELECT l.spell_id, c.head_id, c.depth + 1 FROM chain c JOIN temp.cw_link l ON l.prev_id = c.spell_id WHERE c.depth < 1000
   )
   SELECT spell_id, MIN(head_id), MIN(depth) FROM chain GROUP BY spell_id`,
  'CREATE INDEX temp.cw_part_head ON cw_part(head_id)',
  // A window is read from its first row (its head: a row that continues no other row). Most heads need
  // nothing else; the few that do are in two small tables (derive-speed: a temporary copy of every head,
  // a million rows written and read back, cost more than these lookups).
  // Where the citizen's next spell starts inside a head's window: events found by date stop there.
  `CREATE TEMP TABLE cw_cut (head_id INTEGER PRIMARY KEY, link_end TEXT NOT NULL)`,
  `INSERT INTO temp.cw_cut (head_id, link_end)
   SELECT s.id, MIN(n.start_date) FROM citizen_spell s CROSS JOIN temp.cw_cal c ON c.day = s.start_date
   JOIN citizen_spell n ON n.citizen_id = s.citizen_id AND n.start_date > s.start_date AND n.start_date < c.window_end
   WHERE s.id NOT IN (SELECT spell_id FROM temp.cw_link) AND n.id NOT IN (SELECT spell_id FROM temp.cw_link)
   GROUP BY s.id`,
  // A continued spell: its end is the last row's end; its municipality the one of the row running when it reaches six months.
  `CREATE TEMP TABLE cw_chain (head_id INTEGER PRIMARY KEY, end_date TEXT, municipality_code INTEGER NOT NULL)`,
  `INSERT INTO temp.cw_chain (head_id, end_date, municipality_code)
   SELECT h.id,
     (SELECT r.end_date FROM temp.cw_part p JOIN citizen_spell r ON r.id = p.spell_id WHERE p.head_id = h.id ORDER BY r.start_date DESC LIMIT 1),
     (SELECT r.municipality_code FROM temp.cw_part p JOIN citizen_spell r ON r.id = p.spell_id
       WHERE p.head_id = h.id AND r.start_date <= c.window_end ORDER BY r.start_date DESC LIMIT 1)
   FROM citizen_spell h CROSS JOIN temp.cw_cal c ON c.day = h.start_date
   WHERE h.id IN (SELECT head_id FROM temp.cw_part)`,
  // Which requirement row applies from when to when (the earliest row also before its date).
  `CREATE TEMP TABLE cw_req AS
   SELECT group_id, effective_from, min_interviews, offer_required,
     CASE WHEN ROW_NUMBER() OVER (PARTITION BY group_id ORDER BY effective_from) = 1 THEN '0000-01-01' ELSE effective_from END AS valid_from,
     IFNULL(LEAD(effective_from) OVER (PARTITION BY group_id ORDER BY effective_from), '9999-12-31') AS valid_to
   FROM group_requirement`,
  // Writing a million rows into the table and then sorting each index once is about twice as fast as
  // keeping the indexes up to date row by row; the indexes are the ones migrations 5, 7, 9, 10 and 11 leave
  // (test/unit/citizens-derive.test.ts holds that a rebuild leaves exactly the migrated set).
  'DROP INDEX IF EXISTS citizen_window_cohort',
  'DROP INDEX IF EXISTS citizen_window_deadline',
  'DROP INDEX IF EXISTS citizen_window_reach',
  'DROP INDEX IF EXISTS citizen_window_group',
  'DELETE FROM citizen_window',
  // One pass, straight into the table: each head's events from the covering (citizen, date, …) index,
  // each (date, kind, holder) once. An event naming one of the citizen's spells counts only for that
  // spell; any other by date, up to the next spell's start (cw_cut). The heads come in id order, so the
  // table is appended to in key order and the grouping needs no sort.
  `INSERT INTO citizen_window (spell_id, citizen_id, municipality_code, group_id, start_date, end_date, window_end, deadline, cohort_month,
     interviews_counted, interviews_not_counted, offers, required_interviews, offer_required, requirement_from, interviews_missing, offer_missing)
   SELECT h.id, h.citizen_id, IFNULL(x.municipality_code, h.municipality_code), h.group_id, h.start_date,
     CASE WHEN x.head_id IS NULL THEN h.end_date ELSE x.end_date END, c.window_end, c.deadline,
     CASE WHEN x.head_id IS NULL AND (h.end_date IS NULL OR h.end_date >= c.window_end) THEN substr(c.window_end, 1, 7)
          WHEN x.head_id IS NOT NULL AND (x.end_date IS NULL OR x.end_date >= c.window_end) THEN substr(c.window_end, 1, 7) END,
     ${interviewsCounted}, ${interviewsNotCounted}, ${offersCounted}, q.min_interviews, q.offer_required, q.effective_from,
     MAX(q.min_interviews - ${interviewsCounted}, 0), CASE WHEN q.offer_required = 1 AND ${offersCounted} = 0 THEN 1 ELSE 0 END
   FROM citizen_spell h
   CROSS JOIN temp.cw_cal c ON c.day = h.start_date
   LEFT JOIN temp.cw_cut k ON k.head_id = h.id
   LEFT JOIN temp.cw_chain x ON x.head_id = h.id
   JOIN temp.cw_req q ON q.group_id = h.group_id AND h.start_date >= q.valid_from AND h.start_date < q.valid_to
   LEFT JOIN citizen_event e ON e.citizen_id = h.citizen_id AND e.event_date >= h.start_date AND e.event_date < c.window_end
     AND CASE
       WHEN e.spell_ref IS NULL THEN k.link_end IS NULL OR e.event_date < k.link_end
       WHEN e.spell_ref = h.spell_ref THEN 1
       WHEN x.head_id IS NOT NULL AND e.spell_ref IN (SELECT r.spell_ref FROM temp.cw_part p JOIN citizen_spell r ON r.id = p.spell_id WHERE p.head_id = h.id) THEN 1
       -- Past the next spell's start, both branches below say no: skip the lookup (derive-speed: 8 % of the bench's events).
       WHEN k.link_end IS NOT NULL AND e.event_date >= k.link_end THEN 0
       WHEN EXISTS (SELECT 1 FROM citizen_spell r WHERE r.citizen_id = e.citizen_id AND r.spell_ref = e.spell_ref) THEN 0
       ELSE k.link_end IS NULL OR e.event_date < k.link_end
     END
   WHERE h.id NOT IN (SELECT spell_id FROM temp.cw_link)
   GROUP BY h.id`,
  'CREATE INDEX citizen_window_cohort ON citizen_window(municipality_code, group_id, cohort_month, interviews_missing, offer_required, offer_missing)',
  'CREATE INDEX citizen_window_deadline ON citizen_window(municipality_code, window_end)',
  'CREATE INDEX citizen_window_reach ON citizen_window(window_end, interviews_missing, offer_missing, end_date)',
  'CREATE INDEX citizen_window_group ON citizen_window(group_id, window_end)',
  'DROP TABLE temp.cw_link',
  'DROP TABLE temp.cw_cut',
  'DROP TABLE temp.cw_chain',
  'DROP TABLE temp.cw_part',
  'DROP TABLE temp.cw_req',
  'DROP TABLE temp.cw_cal',
];

/** Rebuilds `citizen_window` from the stored spells and events. Call inside a transaction. */
export function rebuildWindows(db: Db, timings?: (label: string, ms: number) => void): void {
  for (const sql of steps) {
    const started = performance.now();
    db.prepare(sql).run();
    timings?.(sql.replace(/\s+/g, ' ').slice(0, 70), performance.now() - started);
  }
}
