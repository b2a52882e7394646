import { useEffect } from 'react';

export interface BoardShortcutHandlers {
  next(): void;
  previous(): void;
  open(): void;
  claim(): void;
  focusSearch(): void;
}

/** J/K or arrows move the selection, Enter/O opens, C claims, / focuses the search; ignored while typing. */
export function useBoardShortcuts(handlers: BoardShortcutHandlers): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (target && (/^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable)) return;
      const key = event.key.toLowerCase();
      const action = { j: handlers.next, arrowdown: handlers.next, k: handlers.previous, arrowup: handlers.previous, enter: handlers.open, o: handlers.open, c: handlers.claim, '/': handlers.focusSearch }[key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [handlers]);
}
