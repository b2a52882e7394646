import { useGo, useTranslate } from '@refinedev/core';
import { App, Card, Col, Empty, Row, Spin, Typography, type InputRef } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useEnumLabel, useCodeLabel } from '../../components/display';
import { request } from '../../data/request';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { usePresence } from '../../hooks/use-presence';
import type { BoardCase, CaseView } from '../../types';
import { BoardCard } from './board-card';
import { groupCases, matches, toCaseFilter, type BoardFilters, type GroupBy } from './board-filters';
import { isOverCapacity } from '../../components/display';
import { useBoardState } from './use-board-state';
import { BoardToolbar } from './board-toolbar';
import { useBoardShortcuts } from './use-board-shortcuts';
import { useBreachAlerts } from './use-breach-alerts';
import { useLiveBoard } from './use-live-board';

/** Supervisor live queue board: cases grouped by status, queue or SLA, updated live over graphql-ws. */
export function BoardPage() {
  const t = useTranslate();
  const label = useEnumLabel();
  const code = useCodeLabel();
  const go = useGo();
  const { message } = App.useApp();
  const { me, can } = useMe();
  const [state, setState] = useBoardState();
  const { view: viewId, groupBy, filters, selected: selectedId } = state;
  const setViewId = (view?: string) => setState({ ...state, view });
  const setGroupBy = (next: GroupBy) => setState({ ...state, groupBy: next });
  const setFilters = (next: BoardFilters) => setState({ ...state, filters: next });
  const setSelectedId = useCallback((selected?: string) => setState((current) => ({ ...current, selected })), [setState]);
  const searchRef = useRef<InputRef>(null);

  const views = useGql<{ caseViews: CaseView[] }>('CaseViews');
  const board = useLiveBoard(viewId);
  const presence = usePresence();
  const alerts = useBreachAlerts();
  const claim = useGqlMutation<{ claimCase: BoardCase }>('ClaimCase');
  const canClaim = can('case:work');

  const visible = useMemo(() => board.cases.filter((c) => matches(c, filters, me?.user?.id)), [board.cases, filters, me]);
  const columns = useMemo(() => groupCases(visible, groupBy), [visible, groupBy]);
  const ordered = useMemo(() => columns.flatMap((c) => c.cases), [columns]);
  const ownerNames = useMemo(() => new Map(board.cases.filter((c) => c.owner).map((c) => [c.owner!.id, c.owner!.displayName])), [board.cases]);

  const open = useCallback(
    (id: string) => {
      setSelectedId(id); // back from the case, the board shows it selected
      go({ to: `/cases/show/${id}` });
    },
    [go, setSelectedId],
  );
  const doClaim = useCallback(
    async (item: BoardCase) => {
      const result = await claim.run({ id: item.id });
      if (result) {
        board.upsert(result.claimCase);
        message.success(t('board.claimed', { caseNo: item.caseNo }));
      }
    },
    [claim, board, message, t],
  );

  const shortcuts = useMemo(() => {
    const move = (delta: number) => {
      if (!ordered.length) return;
      const index = ordered.findIndex((c) => c.id === selectedId);
      const next = ordered[Math.min(ordered.length - 1, Math.max(0, index + delta))] ?? ordered[0];
      setSelectedId(next.id);
      document.querySelector(`[data-case-id="${next.id}"]`)?.scrollIntoView({ block: 'nearest' });
    };
    const selected = () => ordered.find((c) => c.id === selectedId);
    return {
      next: () => move(1),
      previous: () => move(-1),
      open: () => selected() && open(selected()!.id),
      claim: () => {
        const item = selected();
        if (item && !item.ownerId && canClaim) void doClaim(item);
      },
      focusSearch: () => searchRef.current?.focus(),
    };
  }, [ordered, selectedId, open, doClaim, canClaim]);
  useBoardShortcuts(shortcuts);

  const saveView = async (name: string, shared: boolean) => {
    const { createOneCaseView } = await request<{ createOneCaseView: CaseView }>('CreateCaseView', {
      input: { caseView: { name, shared, filter: toCaseFilter(filters, me?.user?.id), sorting: [{ field: 'slaDueAt', direction: 'ASC' }] } },
    });
    await views.refetch();
    setViewId(createOneCaseView.id);
    message.success(t('common.saved'));
  };
  const deleteView = async (view: CaseView) => {
    await request('DeleteCaseView', { input: { id: view.id } });
    setViewId(undefined);
    await views.refetch();
  };

  const columnTitle = (key: string) => (groupBy === 'stage' ? label('CaseStage', key) : groupBy === 'sla' ? label('SlaStatus', key) : code('queues', key));

  return (
    <div data-testid="queue-board">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('board.title')}
      </Typography.Title>
      <BoardToolbar
        ref={searchRef}
        views={views.data?.caseViews ?? []}
        viewId={viewId}
        onView={setViewId}
        onDeleteView={(view) => (view.ownerId === me?.user?.id || can('case:manage') ? void deleteView(view) : undefined)}
        groupBy={groupBy}
        onGroupBy={setGroupBy}
        filters={filters}
        onFilters={setFilters}
        onSaveView={(name, shared) => void saveView(name, shared)}
        canShare={can('case:manage')}
        agents={can('case:assign') || can('case:manage') ? [...presence.values()] : undefined}
        ownerNames={ownerNames}
        alerts={alerts.settings}
        onAlerts={alerts.update}
        live={board.live}
      />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('board.count', { count: visible.length })} · {t('board.shortcuts')}
      </Typography.Paragraph>
      <Spin spinning={board.loading && !board.cases.length}>
        <Row gutter={12} wrap={false} className="pd-board-columns" style={{ paddingBottom: 8 }}>
          {columns.map((column) => (
            <Col key={column.key} className="pd-board-column" data-testid="board-column" data-column={column.key}>
              <Card size="small" title={`${columnTitle(column.key)} (${column.cases.length})`} styles={{ body: { maxHeight: 'calc(100vh - 300px)', overflowY: 'auto', background: '#fafafa' } }}>
                {column.cases.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} />}
                {column.cases.map((item) => (
                  <BoardCard
                    key={item.id}
                    item={item}
                    selected={item.id === selectedId}
                    presence={item.ownerId ? presence.get(item.ownerId) : undefined}
                    canClaim={canClaim}
                    overCapacity={isOverCapacity(item.ownerId ? presence.get(item.ownerId) : undefined)}
                    onOpen={open}
                    onClaim={doClaim}
                  />
                ))}
              </Card>
            </Col>
          ))}
        </Row>
      </Spin>
    </div>
  );
}
