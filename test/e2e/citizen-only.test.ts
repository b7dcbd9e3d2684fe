import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildCitizenDerived } from '../../src/main/services/citizens/rebuild';
import { callApi } from '../helpers/api';
import { openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';
import { insertEvents, insertSpells, type Event, type Spell } from '../helpers/citizen-fixtures';

/**
 * Issue 10: a store with citizen data and no Jobindsats counts (a jobcenter that starts from its own
 * extract). The start page and the model screens must not say "no numbers yet" over stored spells:
 * they say where the citizen figures are, and the model screens' Datakilde shows them. At 1366 × 768.
 */
let app: AppUnderTest;
const spellCount = 12;
beforeAll(async () => {
  app = await openAppInChromium({ demo: false });
  await app.page.setViewportSize({ width: 1366, height: 768 });
  // Aarhus, kontanthjælp from January 2024 (cohort July 2024); every other one had one interview only.
  const spells: Spell[] = [];
  const events: Event[] = [];
  for (let index = 0; index < spellCount; index++) {
    const citizen = `0201${String(80 + index).padStart(2, '0')}-${String(2000 + index)}`;
    spells.push({ citizen, code: 751, group: 'kontanthjaelp', start: `2024-01-${String(index + 2).padStart(2, '0')}` });
    events.push({ citizen, date: '2024-02-01', kind: 'interview' });
  }
  insertSpells(app.session.db, spells);
  insertEvents(app.session.db, events);
  rebuildCitizenDerived(app.session.db);
  await app.page.reload();
});
afterAll(async () => {
  await app?.close();
});

describe('citizen data without Jobindsats counts', () => {
  it('the start page says citizen data is stored and leads to it', async () => {
    const { page } = app;
    expect((await callApi(app.session, 'app.info')).measurementRows).toBe(0);
    const intro = page.getByTestId('welcome-intro');
    await expect.poll(() => intro.textContent()).toContain(`men der er indlæst borgerdata (${spellCount} ydelsesforløb)`);
    expect(await intro.textContent()).not.toContain('Der er ingen tal i programmet endnu');
    await screenshot(page, 'citizen-only-welcome');
    await page.getByTestId('welcome-citizens').click();
    await page.getByTestId('citizens-screen').waitFor();
    await expect.poll(() => page.getByTestId('citizens-count').innerText()).toBe(`${spellCount} forløb`);
  });

  it('Månedlig (2021) and Hele landet point to Datakilde "Borgerdata", which shows the figures', async () => {
    const { page } = app;
    const expected =
      'Der er ingen tal fra Jobindsats endnu, men der er indlæst borgerdata: vælg Borgerdata under Datakilde for at se modellen beregnet af dem, eller indlæs et udtræk fra Jobindsats under "Indlæs filer".';
    await page.getByRole('button', { name: 'Månedlig (2021)', exact: true }).click();
    const monthly = page.getByTestId('monthly-screen');
    await expect.poll(() => monthly.getByTestId('model-no-months').textContent()).toBe(expected);
    await screenshot(page, 'citizen-only-monthly');
    await monthly.getByTestId('model-source').selectOption('citizens');
    await expect.poll(() => monthly.getByTestId('model-source-line').getAttribute('data-source')).toBe('citizens');
    expect(await monthly.getByTestId('model-no-months').count()).toBe(0);

    await page.getByRole('button', { name: 'Hele landet', exact: true }).click();
    const country = page.getByTestId('country-screen');
    await expect.poll(() => country.getByTestId('model-no-months').textContent()).toBe(expected);
    // Nothing to save yet: the export button is disabled, and looks it (styles.css).
    expect(await country.getByTestId('export-model-list').isDisabled()).toBe(true);
    await screenshot(page, 'citizen-only-country');
    // Borgerdata: the screen is Hele landet's own (not the start page), and its months are the citizen cohorts'.
    await country.getByTestId('model-source').selectOption('citizens');
    await expect.poll(() => country.getByTestId('model-no-months').count()).toBe(0);
    expect(await page.getByTestId('welcome').isVisible()).toBe(false);
    const months = (await callApi(app.session, 'periods.available', { source: 'citizens' })).months;
    expect(months).toEqual(['2024-07']);
    await expect.poll(() => country.getByTestId('status-month').inputValue()).toBe('2024-07');
  });
});
