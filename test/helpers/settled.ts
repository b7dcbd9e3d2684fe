import type { Page } from 'playwright-core';

/**
 * Waits until the page's text has stopped changing (issue 15 item 7: explicit waits, no fixed
 * sleeps): no element added or removed and no text changed for `quietFrames` animation frames
 * in a row. Grids and screens that fill in after their first paint are then done before a test
 * reads their words or takes a screenshot. Any change starts the count again; the test's own
 * timeout ends a page that never settles. (Page code as text: the test project has no DOM types.)
 */
export async function settled(page: Page, quietFrames = 10): Promise<void> {
  const frames = Math.max(1, Math.floor(quietFrames));
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
