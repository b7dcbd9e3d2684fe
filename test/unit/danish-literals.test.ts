import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowedDanish, danishLiterals, isAllowed } from '../helpers/danish-literals';

/*
 * Messages (issue 15, citizen-words): no Danish sentence lives in `src/main/services`; the words
 * a user sees come from the keyed messages modules (`src/shared/*-words-da.ts`,
 * `explanations-da.ts`). The only Danish literals left are data the importer matches (header
 * synonyms, event words, municipality and group names) and the rule sets' versioned texts.
 */
const services = path.resolve(__dirname, '../../src/main/services');
const handlers = path.resolve(__dirname, '../../src/main/handlers');
// cli-words (issue 15 item 3): the command line's usage, summaries, printed lines and refusals.
const cli = path.resolve(__dirname, '../../src/cli');
// The contract's own validation messages (dates, months, half-years, an export view's size).
const contract = path.resolve(__dirname, '../../src/shared/api');

describe('Danish words in the services', () => {
  it('are only in the allowed data declarations (header synonyms, event words, rule-set content)', () => {
    const outside = danishLiterals(services)
      .filter((literal) => !isAllowed(literal))
      .map((literal) => `${literal.file}:${literal.line} (${literal.declaration || 'top level'}): ${literal.text.slice(0, 80)}`);
    expect(outside, 'move these to a messages module in src/shared (e.g. citizen-words-da.ts, import-words-da.ts)').toEqual([]);
  });

  it('are nowhere in the handlers: their refusals come from shared/call-words-da.ts', () => {
    const found = danishLiterals(handlers).map((literal) => `${literal.file}:${literal.line} (${literal.declaration || 'top level'}): ${literal.text.slice(0, 80)}`);
    expect(found, 'move these to src/shared/call-words-da.ts').toEqual([]);
  });

  // cli-words (issue 15 item 3): no allowances. What the CLI still matches in input ('ja'/'nej' in
  // `--set`, 'nyeste' for `--restore`) are words the user types, and the detector does not read them as sentences.
  it('are nowhere in the CLI: its words come from shared/cli-words-da.ts', () => {
    const found = danishLiterals(cli).map((literal) => `${literal.file}:${literal.line} (${literal.declaration || 'top level'}): ${literal.text.slice(0, 80)}`);
    expect(found, 'move these to src/shared/cli-words-da.ts').toEqual([]);
  });

  it('are nowhere in the contract: its own validation messages come from shared/call-words-da.ts', () => {
    const found = danishLiterals(contract).map((literal) => `${literal.file}:${literal.line} (${literal.declaration || 'top level'}): ${literal.text.slice(0, 80)}`);
    expect(found, 'move these to the contract section of src/shared/call-words-da.ts').toEqual([]);
  });

    it('has no stale allowance: each allowed declaration still holds Danish data', () => {
    const found = danishLiterals(services);
    const stale = allowedDanish.filter((entry) => !found.some((literal) => literal.file === entry.file && literal.declaration === entry.declaration));
    expect(stale).toEqual([]);
  });

  it('finds a new Danish sentence, in a template or a plain string, but not a header synonym, SQL or a file name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'danish-literals-'));
    try {
      fs.mkdirSync(path.join(dir, 'citizens'));
      fs.mkdirSync(path.join(dir, 'import'));
      fs.writeFileSync(
        path.join(dir, 'citizens', 'outlook.ts'),
        [
          "export const refuse = (code: number) => `Kommunen ${code} har ingen borgere.`;",
          "export const plain = 'Vælg en kommune.';",
          "export const sql = 'SELECT name FROM municipality WHERE code = ? AND til = 1';",
          "export const file = 'kommuner.csv';",
          "export const english = 'The municipality has no citizens.';",
        ].join('\n'),
      );
      fs.writeFileSync(path.join(dir, 'import', 'fields.ts'), "const headerSynonyms = ['kommune', 'ydelsesgruppe'];\nexport const hint = 'Kolonnen hedder forkert.';\n");
      const found = danishLiterals(dir);
      expect(found.filter((literal) => !isAllowed(literal)).map((literal) => [literal.file, literal.line, literal.declaration])).toEqual([
        ['citizens/outlook.ts', 1, 'refuse'],
        ['citizens/outlook.ts', 2, 'plain'],
        ['import/fields.ts', 2, 'hint'],
      ]);
      expect(found.filter(isAllowed).map((literal) => literal.text)).toEqual(['kommune', 'ydelsesgruppe']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
