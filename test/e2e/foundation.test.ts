import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppInChromium, screenshot, type AppUnderTest } from '../helpers/browser';

let app: AppUnderTest;
beforeAll(async () => {
  // The overview opens first; these tests start on the municipality list.
  app = await openAppInChromium({ screen: 'Kommuner' });
});
afterAll(async () => {
  await app?.close();
});

describe('the first screen, in Chromium through the browser bridge', () => {
  it('shows the 98 municipalities from SQLite and says the data are synthetic', async () => {
    const { page } = app;
    await page.getByTestId('row-count').filter({ hasText: '98 kommuner' }).waitFor();
    await expect(page.getByTestId('demo-banner').textContent()).resolves.toMatch(/syntetiske demodata/);
    await expect(page.locator('.ag-header-cell-text', { hasText: 'Kommune' }).count()).resolves.toBeGreaterThan(0);
  });

  it('sorts by a column when its header is clicked', async () => {
    const { page } = app;
    const header = page.locator('.ag-header-cell[col-id="latestMeasured"]');
    await header.click(); // ascending
    await header.click(); // descending: the largest municipality first
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    const firstName = await page.locator('.ag-row[row-index="0"] [col-id="name"]').first().textContent();
    expect(firstName).toBe('København');
    const file = await screenshot(page, '01-municipality-grid');
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  });

  it('filters with the quick search, Danish letters included', async () => {
    const { page } = app;
    await page.getByRole('searchbox').fill('ærø');
    await page.getByTestId('row-count').filter({ hasText: '1 af 98 kommuner' }).waitFor();
    await page.getByRole('searchbox').fill('');
    await page.getByTestId('row-count').filter({ hasText: '98 kommuner' }).waitFor();
  });
});
