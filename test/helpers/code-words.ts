import fs from 'node:fs';
import path from 'node:path';
import { callNames } from '../../src/shared/api';
import { builtinRuleSets } from '../../src/main/services/engine/rule-sets';
import { repoRoot } from './browser';

/**
 * Words a reviewer must never see: derived from the code (call names, parameter keys and coded
 * option values, model ids, decision subjects and verdicts, criterion ids, import kinds, group ids
 * that are not Danish words) plus the English words AG Grid and AG Charts say by default.
 * Danish words that happen to be ids too ("status", "dagpenge") are left out: they are right on screen.
 */
export function forbiddenWords(): { words: string[]; patterns: RegExp[] } {
  const groups = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'resources', 'benefit-groups.json'), 'utf8')) as { groups: { id: string; label: string }[] }).groups;
  const parameters = builtinRuleSets.flatMap((ruleSet) => ruleSet.parameters);
  const words = new Set<string>([
    ...callNames,
    ...builtinRuleSets.map((ruleSet) => ruleSet.id).filter((id) => id !== 'status' && id !== 'supervision'),
    ...parameters.map((parameter) => parameter.key).filter((key) => key.length > 5),
    ...parameters.flatMap((parameter) => parameter.options ?? []),
    // Group ids spelled without æøå are codes; the others are the Danish words themselves.
    ...groups.map((group) => group.id).filter((id) => /ae|oe|aa/.test(id)),
    'interviews',
    'offers',
    'contact',
    'contacted',
    'accepted',
    'rejected',
    'withdrawn',
    'enhanced-supervision',
    'positive-development',
    'measurement',
    'benchmark',
    'demo-generator',
    'undefined',
    'null',
    'NaN',
    'true',
    'false',
    // AG Grid / AG Charts in English.
    'No Rows To Show',
    'No Matching Rows',
    'Contains',
    'Not contains',
    'Equals',
    'Starts with',
    'Ends with',
    'Filter...',
    'Filter…',
    'Filter Input',
    'Loading',
    'Legend',
    'Page',
    'of',
    'Apply',
    'Reset',
    'Search',
  ]);
  const patterns = [
    /exemption:/,
    /seeds\//,
    /\d{3}_[0-9a-f]{16}/,
    /RULES\.md/,
    /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, // an ISO (UTC) timestamp
    /\d,0 (?:borgere|personer)/,
    // danish-finish: period codes are said in words ("2. halvår 2023", "september 2023",
    // "året til og med 2. kvartal 2021"); the codes are for arguments and data files only.
    /(?<![\p{L}\p{N}])\d{4}H[12](?![\p{L}\p{N}])/u, // a half-year code, 2023H2
    /(?<![\p{L}\p{N}])\d{4}Q(?:MAT)?\d{1,2}(?![\p{L}\p{N}])/u, // a quarter or moving year, 2023Q2, 2021QMAT02
    /(?<![\p{L}\p{N}])\d{4}M\d{2}(?![\p{L}\p{N}])/u, // a Jobindsats month, 2023M07
    /(?<![\p{L}\p{N}-])\d{4}-(?:0[1-9]|1[0-2])(?![\p{L}\p{N}-])/u, // an ISO month, 2023-07 (not a date 2023-07-01)
  ];
  return { words: [...words], patterns };
}

/** The forbidden words and patterns found in a text, each with a little context. */
export function findForbidden(text: string, list = forbiddenWords()): string[] {
  const found: string[] = [];
  for (const word of list.words) {
    const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Whole words only, case as written: "of" but not "ofte", "Page" but not "Pages".
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}_.-])${escaped}(?![\\p{L}\\p{N}_-])`, 'u');
    const match = pattern.exec(text);
    if (match) found.push(`"${word}" in …${text.slice(Math.max(0, match.index - 40), match.index + word.length + 40)}…`);
  }
  for (const pattern of list.patterns) {
    const match = pattern.exec(text);
    if (match) found.push(`${pattern} in …${text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40)}…`);
  }
  return found;
}
