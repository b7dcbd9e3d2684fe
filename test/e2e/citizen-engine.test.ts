import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCitizenDerived } from '../../src/main/services/citizens/rebuild';
import { callApi } from '../helpers/api';
import { openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';
import { insertEvents, insertSpells, type Event, type Spell } from '../helpers/citizen-fixtures';
import { findForbidden } from '../helpers/code-words';

/**
 * The citizen screen (cit-engine, issue 10) in Chromium at 1366 × 768, on the demo data with
 * citizen data for København: the outlook and the reconciliation show what the engine computed
 * (fetched through the API, never written into the test), the ids masked.
 */
let app: AppUnderTest;
const spells: Spell[] = [];
beforeAll(async () => {
  app = await openAppInChromium();
  await app.page.setViewportSize({ width: 1366, height: 768 });
  // 30 kontanthjælp spells in København starting 2024-09-01 … 2024-10-30 (cohorts 2025-03 and 2025-04);
  // every third has four interviews and an offer, the rest one interview and nothing else.
  const events: Event[] = [];
  for (let index = 0; index < 30; index++) {
    const start = `2024-${index < 15 ? '09' : '10'}-${String((index % 15) * 2 + 1).padStart(2, '0')}`;
    const citizen = `1501${String(70 + index).padStart(2, '0')}-${String(1000 + index)}`;
    spells.push({ citizen, code: 101, group: 'kontanthjaelp', start });
    const held = index % 3 === 0 ? 4 : 1;
    for (let count = 0; count < held; count++) events.push({ citizen, date: `2024-11-${String(count + 10)}`, kind: 'interview' });
    if (index % 3 === 0) events.push({ citizen, date: '2024-12-02', kind: 'offer' });
  }
  insertSpells(app.session.db, spells);
  insertEvents(app.session.db, events);
  rebuildCitizenDerived(app.session.db);
});
afterAll(async () => {
  await app?.close();
});

const nbsp = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');
const pct1 = new Intl.NumberFormat('da-DK', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

describe('citizen data: the early warning and the reconciliation', () => {
  it('shows the cohorts not yet over, the citizens within reach and the reconciliation with Jobindsats', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Afstemning', exact: true }).click();
    await page.getByTestId('citizen-municipality').selectOption('101');
    await page.getByTestId('citizen-as-of').fill('2025-03-10');
    const outlook = await callApi(app.session, 'citizens.outlook', { municipalityCode: 101, asOf: '2025-03-10' });
    expect(outlook.months.map((month) => month.month)).toEqual(['2025-03', '2025-04']);
    const months = page.getByTestId('outlook-months');
    await expect.poll(() => months.locator('tbody tr').count()).toBe(2);
    const march = months.locator('tbody tr').first().locator('td');
    expect(await march.nth(0).textContent()).toBe('marts 2025');
    expect(await march.nth(1).textContent()).toBe('1. halvår 2025');
    expect(await march.nth(2).textContent()).toBe(String(outlook.months[0].interviews.measured));
    expect(nbsp(await march.nth(5).textContent())).toBe(nbsp(pct1.format(outlook.months[0].interviews.shareIfNothingHappens!)));
    // Above the threshold if nothing happens: marked.
    expect(await march.nth(5).getAttribute('class')).toBe(outlook.months[0].interviews.aboveIfNothingHappens ? 'above' : null);
    // The citizens within reach, fewest days left first, masked.
    const citizens = page.getByTestId('outlook-citizens').locator('tbody tr');
    await expect.poll(() => citizens.count()).toBe(Math.min(50, outlook.citizens.length));
    expect(await citizens.first().locator('td').first().textContent()).toBe(outlook.citizens[0].citizenId);
    expect(outlook.citizens[0].citizenId).toMatch(/^\d{6}-\*{4}$/);
    for (const cell of await page.getByTestId('outlook-citizens').locator('tbody tr td:first-child').allTextContents()) expect(cell).toMatch(/^\d{6}-\*{4}$/);
    const shown = (await page.getByTestId('citizen-engine-screen').textContent()) ?? '';
    for (const spell of spells) expect(shown).not.toContain(spell.citizen);
    // No code words, no period codes (issue 11): months, half-years and dates in words.
    expect(findForbidden(await page.getByTestId('citizen-engine-screen').innerText())).toEqual([]);

    // Reconciliation: the demo's published counts for København differ from these few citizens.
    const rows = await callApi(app.session, 'citizens.reconcile', { municipalityCode: 101 });
    const differing = rows.filter((row) => Object.values(row.difference).some((value) => value !== null && value !== 0)).length;
    expect(differing).toBeGreaterThan(0);
    const oneSource = rows.filter((row) => row.derived === null || row.published === null).length;
    expect(oneSource).toBeGreaterThan(0);
    await expect
      .poll(() => page.getByTestId('reconcile-verdict').textContent())
      .toBe(`${differing} måneder × ydelsesgrupper afviger. ${oneSource} måneder × ydelsesgrupper har kun tal fra den ene kilde og er ikke sammenlignet.`);
    expect(await page.getByTestId('reconcile-table').locator('tbody tr').count()).toBe(rows.length);
    expect(await page.getByTestId('reconcile-table').locator('tbody tr.differs').count()).toBe(differing);
    await page.getByTestId('citizen-outlook').scrollIntoViewIfNeeded();
    await screenshot(page, 'citizen-engine-outlook');
    await page.getByTestId('citizen-reconcile').scrollIntoViewIfNeeded();
    await screenshot(page, 'citizen-engine-reconcile');
  });

  it('computes model A from the citizen data beside Jobindsats, month by month, as the engine does', async () => {
    const { page } = app;
    // The derived months (cohorts March and April 2025) lie in 1. halvår 2025: the picker's only choice.
    const status = await callApi(app.session, 'citizens.status', {});
    expect(status.months).toEqual({ first: '2025-03', last: '2025-04' });
    const panel = page.getByTestId('citizen-model');
    await panel.scrollIntoViewIfNeeded();
    expect(await page.getByTestId('citizen-model-period').locator('option').allTextContents()).toEqual(['1. halvår 2025']);
    const derived = (await callApi(app.session, 'evaluate.early2023', { period: '2025H1', source: 'citizens' })).municipalities.find((row) => row.code === 101)!;
    const published = (await callApi(app.session, 'evaluate.early2023', { period: '2025H1' })).municipalities.find((row) => row.code === 101)!;
    // Only the cohort months have derived counts: the half-year is not complete on citizen data.
    await expect.poll(() => page.getByTestId('citizen-model-derived').textContent()).toContain('halvåret er ikke afsluttet');
    expect(await page.getByTestId('citizen-model-published').textContent()).toContain(published.status === 'to-contact' ? 'Kontaktes' : 'Kontaktes ikke');
    for (const [key, row] of [['derived', derived], ['published', published]] as const) {
      const cells = page.locator(`[data-testid="citizen-model-table"] tr[data-row="interviews-${key}"] td[data-month]`);
      expect(await cells.count()).toBe(6);
      for (const [index, figure] of row.interviews.months.entries()) {
        const cell = cells.nth(index);
        expect(await cell.getAttribute('data-month')).toBe(figure.month);
        const shown = nbsp(await cell.textContent());
        if (figure.share !== null) expect(shown).toContain(nbsp(pct1.format(figure.share)));
        if (figure.measured !== null) expect(shown).toContain(`/${figure.measured.toLocaleString('da-DK')}`);
      }
    }
    // The March cohort's counts: 15 citizens, 10 of them with one interview only.
    const march = derived.interviews.months.find((figure) => figure.month === '2025-03')!;
    expect([march.measured, march.lacking]).toEqual([15, 10]);
    expect(findForbidden(await panel.innerText())).toEqual([]);
    await screenshot(page, 'citizen-engine-model-a');
  });
  it('never says the sources agree when Jobindsats has no counts for the months the citizen data covers', async () => {
    const { page } = app;
    // Frederiksberg: spells from March 2025 reach six months in September 2025, after the demo's last month (June 2025).
    insertSpells(app.session.db, [
      { citizen: '010190-7001', code: 147, group: 'kontanthjaelp', start: '2025-03-03' },
      { citizen: '010190-7002', code: 147, group: 'kontanthjaelp', start: '2025-03-04' },
    ]);
    rebuildCitizenDerived(app.session.db);
    const rows = await callApi(app.session, 'citizens.reconcile', { municipalityCode: 147 });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.published === null)).toBe(true);
    await page.getByRole('button', { name: 'Overblik', exact: true }).click();
    await page.getByRole('button', { name: 'Afstemning', exact: true }).click();
    await page.getByTestId('citizen-municipality').selectOption('147');
    await expect
      .poll(() => page.getByTestId('reconcile-verdict').textContent())
      .toBe('Intet er sammenlignet: ingen måned har tal fra både borgerdata og Jobindsats for kommunen. Indlæs Jobindsats-tallene for de samme måneder under "Indlæs filer" for at afstemme.');
    expect(await page.getByTestId('reconcile-verdict').getAttribute('class')).toBe('muted');
    await page.getByTestId('citizen-reconcile').scrollIntoViewIfNeeded();
    await screenshot(page, 'citizen-engine-reconcile-nothing-compared');
  });
});
