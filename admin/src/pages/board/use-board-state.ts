import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { boardStateParams, parseBoardState, type BoardState } from './board-filters';

const LAST = 'pharmadesk.board';

/**
 * The board's view, grouping, filters and selection live in the URL (shareable; the browser's
 * back button restores them), and the last one is remembered for the session, so coming back
 * through the menu shows the board as it was left.
 */
export function useBoardState(): [BoardState, (next: BoardState | ((current: BoardState) => BoardState)) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseBoardState(params), [params]);

  useEffect(() => {
    const remembered = sessionStorage.getItem(LAST);
    if (!params.toString() && remembered) setParams(new URLSearchParams(remembered), { replace: true });
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const update = useCallback(
    (next: BoardState | ((current: BoardState) => BoardState)) =>
      setParams(
        (current) => {
          const value = typeof next === 'function' ? next(parseBoardState(current)) : next;
          const encoded = boardStateParams(value);
          sessionStorage.setItem(LAST, encoded.toString());
          return encoded;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [state, update];
}
