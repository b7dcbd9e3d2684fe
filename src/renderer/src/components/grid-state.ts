import type { GridState, StateUpdatedEvent } from 'ag-grid-community';
import { useCallback, useMemo } from 'react';

/**
 * A grid's columns, sort and filters, kept between sessions in localStorage: it is the user's
 * view of the screen on this machine, not data, so it belongs with the window rather than in
 * the database (and Electron keeps localStorage for the file:// app between starts). Scroll and
 * focus are not stored: going back keeps them because the screen stays mounted.
 */
export function usePersistentGridState(key: string) {
  const storageKey = `indsatsmonitor.grid.${key}`;
  const initialState = useMemo<GridState | undefined>(() => {
    try {
      const text = window.localStorage.getItem(storageKey);
      return text ? (JSON.parse(text) as GridState) : undefined;
    } catch {
      return undefined;
    }
  }, [storageKey]);
  const onStateUpdated = useCallback(
    (event: StateUpdatedEvent) => {
      const { columnOrder, columnSizing, columnVisibility, columnPinning, sort, filter } = event.state;
      try {
        window.localStorage.setItem(storageKey, JSON.stringify({ columnOrder, columnSizing, columnVisibility, columnPinning, sort, filter }));
      } catch {
        // Storage full or blocked: the grid still works, it just starts fresh next time.
      }
    },
    [storageKey],
  );
  return { initialState, onStateUpdated };
}

/** Small settings of a screen (chips), kept the same way. */
export function loadSetting<T>(key: string, fallback: T): T {
  try {
    const text = window.localStorage.getItem(`indsatsmonitor.${key}`);
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

export function saveSetting(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(`indsatsmonitor.${key}`, JSON.stringify(value));
  } catch {
    // see above
  }
}
