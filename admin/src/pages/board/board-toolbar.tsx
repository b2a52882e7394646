import { useTranslate } from '@refinedev/core';
import { Button, Input, Modal, Segmented, Select, Space, Switch, Form, Checkbox, Tooltip, Badge } from 'antd';
import { DeleteOutlined, SaveOutlined, SoundOutlined, DesktopOutlined } from '@ant-design/icons';
import { forwardRef, useState } from 'react';
import type { InputRef } from 'antd';
import { useEnumLabel } from '../../components/display';
import type { CaseView, Presence } from '../../types';
import type { BoardFilters, GroupBy } from './board-filters';
import type { AlertSettings } from './use-breach-alerts';

interface Props {
  views: CaseView[];
  viewId?: string;
  onView(id: string | undefined): void;
  onDeleteView?(view: CaseView): void;
  groupBy: GroupBy;
  onGroupBy(value: GroupBy): void;
  filters: BoardFilters;
  onFilters(value: BoardFilters): void;
  onSaveView(name: string, shared: boolean): void;
  canShare: boolean;
  alerts: AlertSettings;
  onAlerts(value: Partial<AlertSettings>): void;
  live: boolean;
  /** Supervisors filter by agent (presence gives who and how loaded). */
  agents?: Presence[];
  /** Names of the owners of the cases on the board: the chosen agent keeps a name while presence loads or when they are offline. */
  ownerNames?: Map<string, string>;
}

const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'];
const TYPES = ['CONSULTATION', 'MEDICATION_CONSULTATION', 'COMPLAINT', 'AFTER_SALES', 'ORDER_INQUIRY', 'SUGGESTION', 'PRAISE'];

/** Saved views, grouping, filters and alert options above the board. */
export const BoardToolbar = forwardRef<InputRef, Props>(function BoardToolbar(props, searchRef) {
  const t = useTranslate();
  const label = useEnumLabel();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<{ name: string; shared: boolean }>();
  const { filters, onFilters } = props;
  const current = props.views.find((v) => v.id === props.viewId);
  const agentOptions = (props.agents ?? []).filter((a) => a.staffUser).map((a) => ({ value: a.staffUserId, label: t('board.assigneeAgent', { name: a.staffUser!.displayName }) }));
  const chosenAgent = ['all', 'mine', 'unassigned'].includes(filters.assignee) || agentOptions.some((o) => o.value === filters.assignee) ? [] : [{ value: filters.assignee, label: t('board.assigneeAgent', { name: props.ownerNames?.get(filters.assignee) ?? t('common.loading') }) }];
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Badge status={props.live ? 'processing' : 'default'} text={props.live ? t('common.live') : t('common.reconnecting')} />
      <Select
        data-testid="board-view"
        style={{ minWidth: 180 }}
        value={props.viewId ?? ''}
        onChange={(value) => props.onView(value || undefined)}
        options={[{ value: '', label: t('board.allOpen') }, ...props.views.map((v) => ({ value: v.id, label: v.name }))]}
      />
      {current && props.onDeleteView && (
        <Tooltip title={t('buttons.delete')}>
          <Button icon={<DeleteOutlined />} onClick={() => props.onDeleteView!(current)} />
        </Tooltip>
      )}
      <Segmented<GroupBy>
        data-testid="board-group"
        value={props.groupBy}
        onChange={props.onGroupBy}
        options={[
          { value: 'stage', label: t('board.byStage') },
          { value: 'queue', label: t('board.byQueue') },
          { value: 'sla', label: t('board.bySla') },
        ]}
      />
      <Select mode="multiple" allowClear placeholder={t('board.priority')} style={{ minWidth: 140 }} value={filters.priorities} onChange={(priorities) => onFilters({ ...filters, priorities })} options={PRIORITIES.map((p) => ({ value: p, label: label('CasePriority', p) }))} />
      <Select mode="multiple" allowClear placeholder={t('board.type')} style={{ minWidth: 140 }} value={filters.types} onChange={(types) => onFilters({ ...filters, types })} options={TYPES.map((p) => ({ value: p, label: label('CaseType', p) }))} />
      <Select
        data-testid="board-assignee-filter"
        style={{ minWidth: 140 }}
        showSearch
        optionFilterProp="label"
        popupMatchSelectWidth={false}
        value={filters.assignee}
        onChange={(assignee) => onFilters({ ...filters, assignee })}
        options={[
          { value: 'all', label: `${t('board.assignee')}: ${t('common.all')}` },
          { value: 'mine', label: t('board.mine') },
          { value: 'unassigned', label: t('board.unassigned') },
          ...agentOptions,
          ...chosenAgent,
        ]}
      />
      <Checkbox checked={filters.vipOnly} onChange={(e) => onFilters({ ...filters, vipOnly: e.target.checked })}>
        {t('board.vipOnly')}
      </Checkbox>
      <Input.Search ref={searchRef} data-testid="board-search" allowClear placeholder={t('board.searchPlaceholder')} style={{ width: 200 }} value={filters.text} onChange={(e) => onFilters({ ...filters, text: e.target.value })} />
      <Button icon={<SaveOutlined />} onClick={() => setSaving(true)}>
        {t('buttons.saveView')}
      </Button>
      <span>
        {t('board.alerts')}: <SoundOutlined /> <Switch size="small" checked={props.alerts.sound} onChange={(sound) => props.onAlerts({ sound })} aria-label={t('board.sound')} />{' '}
        <DesktopOutlined /> <Switch size="small" checked={props.alerts.desktop} onChange={(desktop) => props.onAlerts({ desktop })} aria-label={t('board.desktop')} />
      </span>
      <Modal
        title={t('board.saveViewTitle')}
        open={saving}
        onCancel={() => setSaving(false)}
        onOk={() =>
          form.validateFields().then(({ name, shared }) => {
            props.onSaveView(name, !!shared);
            setSaving(false);
            form.resetFields();
          })
        }
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('board.viewName')} rules={[{ required: true }]}>
            <Input />
          </Form.Item>
          {props.canShare && (
            <Form.Item name="shared" valuePropName="checked">
              <Checkbox>{t('board.shared')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
});
