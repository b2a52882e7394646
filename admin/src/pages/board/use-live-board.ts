import { useCallback, useEffect, useRef, useState } from 'react';
import { request, subscribe } from '../../data/request';
import { onSocketReconnected } from '../../graphql-client';
import type { BoardCase, Connection } from '../../types';

const OPEN_STAGES = ['NEW', 'OPEN', 'PENDING_CUSTOMER'];
const PAGE = { limit: 200 };
const SORTING = [{ field: 'slaDueAt', direction: 'ASC' }];

/**
 * The cases on the board, kept live over graphql-ws: with a saved view, its queue and
 * `caseQueueChanged(viewId)`; without, every open case and `createdCase` / `updatedOneCase`.
 */
export function useLiveBoard(viewId: string | undefined) {
  const [cases, setCases] = useState(new Map<string, BoardCase>());
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [live, setLive] = useState(false);
  const generation = useRef(0);

  const upsert = useCallback((c: BoardCase) => setCases((current) => new Map(current).set(c.id, c)), []);
  const remove = useCallback((id: string) => setCases((current) => {
    if (!current.has(id)) return current;
    const next = new Map(current);
    next.delete(id);
    return next;
  }), []);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = viewId
        ? (await request<{ caseQueue: Connection<BoardCase> }>('CaseQueue', { viewId, paging: PAGE })).caseQueue
        : (await request<{ cases: Connection<BoardCase> }>('CaseList', { filter: { stage: { in: OPEN_STAGES } }, sorting: SORTING, paging: PAGE })).cases;
      if (mine !== generation.current) return;
      setCases(new Map(page.nodes.map((c) => [c.id, c])));
      setTotal(page.totalCount);
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [viewId]);

  useEffect(() => {
    void load();
    const stops: (() => void)[] = [onSocketReconnected(() => void load())];
    const markLive = () => setLive(true);
    if (viewId) {
      stops.push(
        subscribe<{ caseQueueChanged: { change: string; caseId: string; case: BoardCase } }>('CaseQueueChanged', { viewId }, ({ caseQueueChanged: e }) => {
          markLive();
          if (e.change === 'REMOVED') remove(e.caseId);
          else upsert(e.case);
        }),
      );
    } else {
      const apply = (c: BoardCase) => {
        markLive();
        if (OPEN_STAGES.includes(c.stage)) upsert(c);
        else remove(c.id);
      };
      stops.push(subscribe<{ createdCase: BoardCase }>('CreatedCase', {}, (d) => apply(d.createdCase)));
      stops.push(subscribe<{ updatedOneCase: BoardCase }>('UpdatedCase', {}, (d) => apply(d.updatedOneCase)));
    }
    setLive(true);
    return () => {
      stops.forEach((stop) => stop());
      setLive(false);
    };
  }, [viewId, load, upsert, remove]);

  return { cases: [...cases.values()], total: Math.max(total, cases.size), loading, live, reload: load, upsert };
}
