import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type Bridge } from '../../src/main/bridge/server';
import { loadDemoIfFirstStart } from '../../src/main/handlers/core-handlers';
import type { Session } from '../../src/main/handlers/session';
import { tempSession } from './temp-store';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const rendererDir = path.join(repoRoot, 'out', 'renderer');
export const screenshotDir = path.join(repoRoot, 'test-results');

/** Debian's chromium (apt-get install chromium), or CHROMIUM_PATH. Never a downloaded browser. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) {
    throw new Error(
      'No Chromium found for the end-to-end tests. Install it with "sudo apt-get install chromium" (Debian/Ubuntu) or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

export interface AppUnderTest {
  session: Session;
  bridge: Bridge;
  browser: Browser;
  page: Page;
  dir: string;
  close(): Promise<void>;
}

/** Starts the browser bridge on a fresh database (with the demo data) and opens the app in Chromium. */
export async function openAppInChromium(options: { demo?: boolean; /** Nav button to open first (the overview opens by default). */ screen?: string } = {}): Promise<AppUnderTest> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run "npm run build" (npm run test:e2e does it).');
  }
  const executablePath = chromiumPath();
  const made = tempSession();
  if (options.demo !== false) loadDemoIfFirstStart(made.session);
  const bridge = await startBridge({ session: made.session, rendererDir });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'da-DK', acceptDownloads: true });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(bridge.url);
  if (options.screen) await page.getByRole('button', { name: options.screen, exact: true }).click();
  fs.mkdirSync(screenshotDir, { recursive: true });
  return {
    session: made.session,
    bridge,
    browser,
    page,
    dir: made.dir,
    close: async () => {
      await browser.close();
      await bridge.close();
      made.cleanup();
      if (pageErrors.length > 0) throw new Error(`Errors in the page: ${pageErrors.join('; ')}`);
    },
  };
}

/**
 * Waits until `expression` is true in the page, checking once per painted frame. Not
 * `page.waitForFunction`: its polling evaluates the predicate with `eval` inside the page, which
 * the app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') rightly refuses;
 * `page.evaluate` runs through the DevTools protocol, which the policy does not cover.
 */
async function untilTrue(page: Page, expression: string, timeout = 30_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for: ${expression}`);
    await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => resolve(true)))');
  }
}

/**
 * Waits until the page has settled: nothing is animating (AG Grid's row, sort and scroll
 * transitions are CSS transitions, so `document.getAnimations()` sees them), and then no element
 * has been added or removed and no text has changed for `quietFrames` painted frames in a row
 * (grids and screens that fill in after their first paint are done before a test reads their
 * words or takes a screenshot). An explicit wait on the page's own state instead of a fixed
 * sleep; the test's own timeout ends a page that never settles. (Page code is a string: the
 * tests are compiled without the DOM's types.)
 */
export async function settled(page: Page, quietFrames = 10): Promise<void> {
  await untilTrue(page, "document.getAnimations().every((animation) => animation.playState !== 'running')");
  const frames = Math.max(2, Math.floor(quietFrames));
  await page.evaluate(`new Promise((resolve) => {
    let quiet = 0;
    const observer = new MutationObserver(() => { quiet = 0; });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const tick = () => {
      quiet += 1;
      if (quiet >= ${frames}) { observer.disconnect(); resolve(true); } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/** Waits until the first canvas matching `selector` has something drawn on it (AG Charts draws after the element exists). */
export async function chartDrawn(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor();
  await untilTrue(page, `(() => {
    const chart = document.querySelector(${JSON.stringify(selector)});
    const pixels = chart && chart.getContext('2d').getImageData(0, 0, chart.width, chart.height).data;
    return !!pixels && pixels.some((value, index) => index % 4 === 3 && value !== 0);
  })()`);
}

/** A screenshot of the page once it has settled (see `settled`). */
export async function screenshot(page: Page, name: string): Promise<string> {
  await settled(page);
  const file = path.join(screenshotDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/**
 * Clicks what starts a download, saves the file the page hands over as `savedAs`, and reads it back
 * with exceljs: the workbook a reviewer would open, and the file name the app suggested.
 */
export async function downloadWorkbook(page: Page, click: () => Promise<unknown>, savedAs: string): Promise<{ workbook: ExcelJS.Workbook; fileName: string }> {
  const downloadPromise = page.waitForEvent('download');
  await click();
  const download = await downloadPromise;
  await download.saveAs(savedAs);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(savedAs);
  return { workbook, fileName: download.suggestedFilename() };
}
