import { useEffect } from 'react';

/** Scrolls the visible municipality's decision panel into view and puts the focus on its first field. */
export function focusDecisionPanel(): void {
  const panel = document.querySelector<HTMLElement>('.screen-host:not([hidden]) #decision-panel');
  if (!panel) return;
  panel.scrollIntoView({ block: 'start' });
  (panel.querySelector<HTMLElement>('select, input, textarea, button') ?? panel).focus();
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** The decision panel in one key: D (not while typing, and not with Ctrl/Alt/Meta). */
export function useDecisionKey(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'd' || event.ctrlKey || event.altKey || event.metaKey || isTyping(event.target)) return;
      event.preventDefault();
      focusDecisionPanel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
