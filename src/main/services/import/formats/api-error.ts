import { FileProblem, isObject } from './source';
import { importWords } from '../../../../shared/import-words-da';

/**
 * A failed download saved as if it were the extract: the Jobindsats API answers a wrong or expired
 * key with only an error text ("Forkert nøgle eller nøglen er udløbet."), sometimes as a JSON
 * string or `{"Message": …}`, and a proxy or portal may answer with a web page. Such a file is
 * named for what it is, instead of getting advice about header rows.
 */
const errorWords = /(nøgle|udløbet|ugyldig|fejl|adgang|ikke fundet|error|exception|unauthori[sz]ed|forbidden|not found|invalid|expired|denied|too many requests)/i;
const messageKeys = new Set(['message', 'error', 'errors', 'errormessage', 'error_description', 'detail', 'title', 'status', 'statuscode', 'code', 'fejl', 'besked', 'traceid', 'type']);

/** Only small files are looked at: an answer like this is one or a few lines. */
export const errorAnswerMaxBytes = 4096;

export function errorAnswerText(text: string): string | null {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (!trimmed || trimmed.length > errorAnswerMaxBytes) return null;
  if (/^<(!doctype\s+html|html)\b/i.test(trimmed)) return 'html';
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed === 'string') return parsed.trim() || null;
  if (isObject(parsed)) {
    const keys = Object.keys(parsed);
    if (keys.length === 0 || !keys.every((key) => messageKeys.has(key.toLowerCase()))) return null;
    const message = ['message', 'Message', 'error', 'Error', 'errorMessage', 'error_description', 'detail', 'title', 'fejl', 'besked']
      .map((key) => parsed[key])
      .find((value) => typeof value === 'string' && value.trim());
    return typeof message === 'string' ? message.trim() : null;
  }
  if (parsed !== undefined) return null;
  // Plain text: a few lines, no table separators, and words an error answer uses.
  const lines = trimmed.split(/\r?\n/).filter((line) => line.trim());
  const commas = lines.map((line) => line.match(/,/g)?.length ?? 0);
  if (lines.length > 3 || lines.some((line) => /[;\t|]/.test(line)) || commas.some((count) => count > 2)) return null;
  // Two or more lines with the same number of commas are a small comma-separated table.
  if (lines.length > 1 && commas[0] > 0 && commas.every((count) => count === commas[0])) return null;
  const quoted = trimmed.replace(/^"(.*)"$/s, '$1');
  return errorWords.test(quoted) ? quoted : null;
}

export function refuseErrorAnswer(text: string): void {
  const answer = errorAnswerText(text);
  if (answer === null) return;
  if (answer === 'html') {
    throw new FileProblem('error-answer', importWords.file.webPage);
  }
  throw new FileProblem(
    'error-answer',
    importWords.file.errorAnswer(answer.slice(0, 200), /nøgle|key/i.test(answer)),
  );
}
