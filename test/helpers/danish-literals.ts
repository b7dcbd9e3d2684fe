import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * Messages (issue 15): the services keep no Danish sentences of their own; every word a user sees
 * comes from a keyed messages module in `src/shared/*-words-da.ts` or `explanations-da.ts`. This
 * reads every non-test source file under `src/main/services` with the TypeScript parser and
 * reports each string or template literal that reads as Danish (a Danish letter, or one of the
 * common Danish words below). A literal is allowed only inside a declaration on the
 * list: words the importer matches in files (header synonyms, event words) and the rule sets'
 * own versioned texts. Those are data, not messages.
 */

/** Danish letters, or a word that is Danish and not English (whole words, any case). */
const danish =
  /[æøåÆØÅ]|\b(og|ikke|er|der|på|til|med|af|kan|skal|har|som|fra|ingen|mangler|findes|eller|borgere?|kommuner?|rækken?|filen|måned|kolonnen?|forkert|hedder|indlæst|tal|datoen|fik|mindst|højst|intet|skriv|vælg|angiv|prøv|igen|navn|fil|dato|mellem|ukendt|ugyldig|afbrudt|tom|nyt?|ved|den|det|de|hvis|når|før|efter|samtaler?|tilbud|forløb|periode|målinger?|ydelsesgruppe)\b/i;
/** SQL text and file names are not words for a reader. */
const notWords = [/^\s*(SELECT|WITH|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|PRAGMA)\b/i, /^[\w.-]+\.(csv|json|xlsx|txt)$/];

/** Declarations whose Danish literals are data, each with the reason. */
export const allowedDanish: { file: string; declaration: string; reason: string }[] = [
  { file: 'engine/rule-sets.ts', declaration: 'builtinRuleSets', reason: "the rule sets' own parameter labels, sources and interpretations: versioned content" },
  { file: 'import/fields.ts', declaration: 'headerSynonyms', reason: 'header synonyms the importer matches' },
  { file: 'import/fields.ts', declaration: 'normalizeHeader', reason: 'a letter folded before matching' },
  { file: 'import/reference-lookup.ts', declaration: 'normalizeLabel', reason: 'a letter folded before matching' },
  { file: 'import/reference-lookup.ts', declaration: 'groupSynonyms', reason: 'benefit group names the importer matches' },
  { file: 'import/reference-lookup.ts', declaration: 'aliases', reason: 'municipality names the importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'citizenIdHeaders', reason: 'header synonyms the citizen importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'citizenSynonyms', reason: 'header synonyms the citizen importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'interviewWords', reason: 'event words the citizen importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'aKasseInterviewWords', reason: 'event words the citizen importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'offerWords', reason: 'event words the citizen importer matches' },
  { file: 'import/citizen-fields.ts', declaration: 'jobcenterWords', reason: '"held by" words the citizen importer matches' },
  { file: 'contacts/contacts.ts', declaration: 'headerWords', reason: 'header synonyms the contact-list importer matches' },
  { file: 'import/layouts/spell-events.ts', declaration: 'spellEventsLayout', reason: 'the event words ("samtale", "tilbud") the layout writes for the event reader to match' },
];

export interface DanishLiteral {
  /** Relative to `src/main/services`, with forward slashes. */
  file: string;
  line: number;
  /** The innermost enclosing declaration's name, or '' outside any. */
  declaration: string;
  text: string;
}

/** The name of the innermost variable, function or class declaration around a node. */
function declarationName(node: ts.Node): string {
  for (let current: ts.Node | undefined = node; current && !ts.isSourceFile(current); current = current.parent) {
    if ((ts.isVariableDeclaration(current) || ts.isFunctionDeclaration(current) || ts.isClassDeclaration(current)) && current.name && ts.isIdentifier(current.name)) {
      return current.name.text;
    }
  }
  return '';
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** Every Danish-reading literal under `root` (a template counts once, by its literal parts). */
export function danishLiterals(root: string): DanishLiteral[] {
  const found: DanishLiteral[] = [];
  for (const file of sourceFiles(root)) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      let text: string | undefined;
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
      else if (ts.isTemplateExpression(node)) text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join('…');
      const isModuleName = text !== undefined && (ts.isImportDeclaration(node.parent) || ts.isExportDeclaration(node.parent) || ts.isExternalModuleReference(node.parent));
      if (text !== undefined && !isModuleName && danish.test(text) && !notWords.some((pattern) => pattern.test(text!))) {
        found.push({
          file: path.relative(root, file).split(path.sep).join('/'),
          line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1,
          declaration: declarationName(node),
          text,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

export function isAllowed(literal: DanishLiteral): boolean {
  return allowedDanish.some((entry) => entry.file === literal.file && entry.declaration === literal.declaration);
}
