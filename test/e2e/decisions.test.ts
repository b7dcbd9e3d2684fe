import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName, CallResult } from '../../src/shared/api';
import { callApi, type ArgsOf } from '../helpers/api';
import { downloadWorkbook, openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';

/**
 * Decisions that act (issue 13 item 5), in Chromium at 1366 × 768 on the demo data: accepting an
 * exemption moves the counters and drops the municipality from the exported contact list (the
 * .xlsx read back); withdrawing restores it; bulk "contacted" marks N rows. The expected figures
 * come from the engine through the API, never written into the test.
 */
let app: AppUnderTest;
const period = '2023H2';
let candidate: { code: number; name: string };

// issue 15 item 6: through the one typed test client, not a copy of its envelope unwrapping.
const api = <K extends CallName>(name: K, ...args: ArgsOf<K>) => callApi(app.session, name, ...args);
const evaluate = () => api('evaluate.early2023', { period });
const countersText = (summary: CallResult<'evaluate.early2023'>['summary']) => `${summary.failsCriteria} opfylder kriterierne; ${summary.exempted} undtaget; ${summary.toContact} kontaktes`;

async function exportedCodes(page: Page, name: string): Promise<number[]> {
  const { workbook } = await downloadWorkbook(page, () => page.getByTestId('export-contact-list').click(), path.join(app.dir, `${name}.xlsx`));
  const sheet = workbook.getWorksheet('Kontaktliste')!;
  const codes: number[] = [];
  sheet.eachRow((row, number) => number > 1 && codes.push(row.getCell(2).value as number));
  return codes;
}

async function openMunicipality(page: Page, name: string) {
  const search = page.getByTestId('overview-screen').locator('input[type="search"]');
  await search.fill(name);
  await page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${candidate.code}"] [col-id="name"]`).dblclick();
  await page.getByTestId('municipality-title').filter({ hasText: name }).waitFor();
}

async function backToOverview(page: Page) {
  await page.getByTestId('back').click();
  await page.getByTestId('overview-screen').waitFor();
}

beforeAll(async () => {
  app = await openAppInChromium();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  // A municipality to be contacted with no proposal yet: putting it under enhanced supervision gives it one.
  const evaluation = await evaluate();
  const row = evaluation.municipalities.find((municipality) => municipality.toContact && municipality.exemptionProposals.length === 0)!;
  candidate = { code: row.code, name: row.name };
  await api('supervision.add', { municipality: row.code, periodFrom: '2023-01', note: 'e2e' });
});
afterAll(async () => {
  await app?.close();
});

describe('decisions that act, in the app', () => {
  it('accepting an exemption moves the counters and drops the municipality from the exported contact list', async () => {
    const { page } = app;
    await page.getByTestId('period-picker').selectOption(period);
    const before = await evaluate();
    expect(before.summary.exempted).toBe(0);
    await page.getByTestId('decision-counters').filter({ hasText: countersText(before.summary) }).waitFor();
    const codesBefore = await exportedCodes(page, 'before');
    expect(codesBefore).toContain(candidate.code);
    expect(codesBefore).toHaveLength(before.summary.toContact);

    await openMunicipality(page, candidate.name);
    // One key to the decision panel.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('d');
    await expect.poll(() => page.evaluate("Boolean(document.activeElement?.closest('#decision-panel'))")).toBe(true);
    await page.getByTestId('decision-action').selectOption({ label: 'Godkend forslag til undtagelse: skærpet tilsyn' });
    await page.getByTestId('decision-date').fill('2024-03-20');
    // A reason is required (the law asks for a concrete judgment).
    await page.getByTestId('decision-record').click();
    await page.getByTestId('decision-status').filter({ hasText: 'Skriv en begrundelse' }).waitFor();
    await page.getByTestId('decision-reason').fill('Under skærpet tilsyn; AMK følger op dér');
    await page.getByTestId('decision-record').click();
    await page.getByTestId('municipality-verdict').filter({ hasText: 'Undtaget efter vurdering' }).waitFor();
    expect(await page.getByTestId('municipality-status-line').textContent()).toContain('Under skærpet tilsyn; AMK følger op dér');
    await screenshot(page, 'decisions-01-exempted-municipality');

    await backToOverview(page);
    const after = await evaluate();
    expect(after.summary).toMatchObject({ failsCriteria: before.summary.failsCriteria, exempted: 1, toContact: before.summary.toContact - 1 });
    await page.getByTestId('decision-counters').filter({ hasText: countersText(after.summary) }).waitFor();
    // The API says exempted; the overview's merged "Status" column (col-id toContact) says so in words.
    expect(after.municipalities.find((row) => row.code === candidate.code)?.status).toBe('exempted');
    const statusCell = page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${candidate.code}"] [col-id="toContact"]`);
    await expect.poll(() => statusCell.textContent()).toBe('Undtaget efter vurdering');
    await screenshot(page, 'decisions-02-overview-exempted');
    const codesAfter = await exportedCodes(page, 'after');
    expect(codesAfter).not.toContain(candidate.code);
    expect(codesAfter).toHaveLength(before.summary.toContact - 1);
  });

  it('withdrawing the exemption, with a reason, restores it', async () => {
    const { page } = app;
    await openMunicipality(page, candidate.name);
    const accepted = page.locator('[data-testid="decision-history"] tr[data-verdict="accepted"]');
    await accepted.getByTestId('withdraw').click();
    await accepted.getByTestId('withdraw-reason').fill('Tilsynet ophørte før halvåret');
    await accepted.getByTestId('withdraw-confirm').click();
    await page.getByTestId('municipality-verdict').filter({ hasText: 'Kontaktes' }).waitFor();
    // History keeps both rows.
    await page.locator('[data-testid="decision-history"] tr[data-verdict="withdrawn"]').waitFor();
    expect(await page.locator('[data-testid="decision-history"] tr').count()).toBe(2);
    await screenshot(page, 'decisions-03-withdrawn');
    await backToOverview(page);
    const restored = await evaluate();
    expect(restored.summary.exempted).toBe(0);
    await page.getByTestId('decision-counters').filter({ hasText: countersText(restored.summary) }).waitFor();
    expect(await exportedCodes(page, 'restored')).toContain(candidate.code);
  });

  it('bulk "contacted" marks the selected rows with one date and one note, without duplicates', async () => {
    const { page } = app;
    await page.getByTestId('period-picker').selectOption(period);
    const search = page.getByTestId('overview-screen').locator('input[type="search"]');
    await search.fill('');
    await page.getByTestId('chip-contact').click();
    const contactCount = (await evaluate()).summary.toContact;
    await page.getByTestId('overview-row-count').filter({ hasText: `${contactCount} af 98 kommuner` }).waitFor();
    // The first three rows shown, by their ids (AG Grid keeps a filtered-out row in the DOM while it
    // animates away, so a row index can name two rows for a moment; an id names one).
    const toContact = new Set((await evaluate()).municipalities.filter((row) => row.toContact).map((row) => String(row.code)));
    const shownRows = page.locator('[data-testid="overview-grid"] .ag-row');
    const shownIds = (await shownRows.evaluateAll((rows) => rows.map((row) => [Number(row.getAttribute('row-index')), row.getAttribute('row-id') ?? ''] as const)))
      .filter(([, id]) => toContact.has(id))
      .sort((a, b) => a[0] - b[0])
      .map(([, id]) => id);
    const chosen = [...new Set(shownIds)].slice(0, 3).map(Number);
    expect(chosen).toHaveLength(3);
    for (const code of chosen) {
      await page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${code}"] .ag-selection-checkbox input`).check();
    }
    await page.getByTestId('bulk-count').filter({ hasText: '3 kommuner valgt' }).waitFor();
    await page.getByTestId('bulk-date').fill('2024-03-25');
    await page.getByTestId('bulk-note').fill('Brev sendt fra AMK');
    await page.getByTestId('bulk-mark').click();
    await page.getByTestId('bulk-status').filter({ hasText: '3 kommuner er markeret som kontaktet.' }).waitFor();
    const decisions = await api('decisions.list', { period });
    const contacted = decisions.filter((row) => row.subject === 'contact' && row.verdict === 'contacted');
    expect(contacted.map((row) => row.municipalityCode).sort()).toEqual([...chosen].sort());
    for (const row of contacted) expect(row).toMatchObject({ decidedOn: '2024-03-25', reason: 'Brev sendt fra AMK' });
    // The notes column is the last one: scroll the grid to the right to bring it into view.
    await page.locator('[data-testid="overview-grid"] .ag-body-horizontal-scroll-viewport').evaluate((element) => (element.scrollLeft = element.scrollWidth));
    for (const code of chosen) {
      const note = page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${code}"] [col-id="note"]`);
      await expect.poll(() => note.textContent()).toBe('Brev sendt fra AMK');
    }
    await screenshot(page, 'decisions-04-bulk-contacted');

    // Marking one of them again says so and adds nothing.
    const first = page.locator(`[data-testid="overview-grid"] .ag-row[row-id="${chosen[0]}"]`).filter({ has: page.locator('.ag-selection-checkbox') });
    await first.locator('.ag-selection-checkbox input').check();
    await page.getByTestId('bulk-mark').click();
    await page.getByTestId('bulk-status').filter({ hasText: 'Allerede markeret som kontaktet' }).waitFor();
    expect((await api('decisions.list', { period })).filter((row) => row.subject === 'contact')).toHaveLength(3);
    await page.getByTestId('chip-contact').click();
  });
});
