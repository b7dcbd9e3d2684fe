import { z } from 'zod';
import { callWords } from '../call-words-da';
import { defineCall } from '../contract';
import { halfYear } from './periods';
import { exportColumnKinds, exportFormats, type ExportColumnKind, type ExportFormat } from '../enums';

export type { ExportColumnKind, ExportFormat };

/**
 * Excel and CSV exports (issue 6). The main side builds the file; where it goes depends on the
 * transport: Electron asks with a save dialog, the CLI writes to --out, the browser bridge hands
 * the bytes back so the page can offer them as a download.
 */
export interface ExportResult {
  fileName: string;
  /** Data rows written (header rows not counted). */
  rows: number;
  /** Where the file was saved, when the transport saved it. */
  savedPath: string | null;
  /** True when the user closed the save dialog without saving. */
  cancelled: boolean;
  /** The file itself, base64, when the transport cannot save (the browser bridge). */
  contentBase64: string | null;
  mimeType: string;
}

// trust-exports (issue 14 item 7): what one "this view" export may hold. The streamed writer
// stays under 400 MB for the largest view these allow (`npm run bench` prints it); a grid with
// more is refused in Danish before anything is written.
/** Cells (rows × columns) in one view export. */
export const maxViewCells = 1_000_000;
/** Characters of text in all cells of one view export together. */
export const maxViewTextCharacters = 10_000_000;

const cell = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);

export const exportContract = {
  /** The AMK's contact list for a half-year: three sheets (list, monthly detail per group, provenance). */
  'export.contactList': defineCall<ExportResult>()(
    z
      .object({
        ruleSetId: z.string().min(1).max(120).optional(),
        period: halfYear,
        // danish-desk (issue 11): the list follows the overview's AMK and region filters.
        labourMarketOffice: z.string().min(1).max(120).optional(),
        region: z.string().min(1).max(120).optional(),
      })
      .strict(),
  ),
  /** Exactly what a grid shows (its filters, sort and visible columns, in that order). */
  'export.view': defineCall<ExportResult>()(
    z
      .object({
        title: z.string().min(1).max(120),
        format: z.enum(exportFormats),
        columns: z.array(z.object({ header: z.string().max(200), kind: z.enum(exportColumnKinds) }).strict()).min(1).max(200),
        rows: z.array(z.array(cell).max(200)).max(100_000),
        // danish-desk (issue 11): what the view is, for the file's provenance sheet.
        provenance: z
          .object({
            period: z.string().max(40).optional(),
            ruleSetId: z.string().max(120).optional(),
            filters: z.array(z.string().max(300)).max(50).optional(),
            // citizen-models (issue 10): the counts the view's figures come from; its files are then only that source's.
            dataSource: z.enum(['published', 'citizens']).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .refine((value) => value.rows.every((row) => row.length === value.columns.length), callWords.contract.rowWidth)
      .superRefine((value, context) => {
        const cells = value.rows.length * value.columns.length;
        if (cells > maxViewCells) {
          context.addIssue({
            code: 'custom',
            message: callWords.contract.viewTooBig(value.rows.length, value.columns.length, cells, maxViewCells),
          });
          return;
        }
        let characters = 0;
        for (const row of value.rows) for (const item of row) if (typeof item === 'string') characters += item.length;
        if (characters > maxViewTextCharacters) {
          context.addIssue({
            code: 'custom',
            message: callWords.contract.viewTooMuchText(characters, maxViewTextCharacters),
          });
        }
      }),
  ),
};
