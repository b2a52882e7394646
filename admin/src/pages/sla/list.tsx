import { useTranslate } from '@refinedev/core';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useEnumLabel, useLocalized } from '../../components/display';
import { useGql } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import { CalendarModal } from './calendar-modal';
import { PolicyModal } from './policy-modal';
import type { Calendar, SlaPolicy, SlaTarget } from './types';

/** Which modal is open: a policy or a calendar, new (no record) or one being edited. */
type Editing = { kind: 'policy'; record?: SlaPolicy } | { kind: 'calendar'; record?: Calendar };

/** The franchise's SLA policies (targets per type, priority, channel) and the business calendars they count on; created and edited with sla:manage. */
export function SlaPage() {
  const t = useTranslate();
  const label = useEnumLabel();
  const text = useLocalized();
  const { can } = useMe();
  const manage = can('sla:manage');
  const policies = useGql<{ slaPolicies: SlaPolicy[] }>('SlaPolicies');
  const calendars = useGql<{ businessCalendars: Calendar[] }>('BusinessCalendars');
  const [editing, setEditing] = useState<Editing>();
  const saved = () => {
    setEditing(undefined);
    void policies.refetch();
    void calendars.refetch();
  };
  const editColumn = <T extends SlaPolicy | Calendar>(kind: Editing['kind']) =>
    manage ? [{ title: t('table.actions'), width: 90, render: (_: unknown, record: T) => <Button size="small" data-testid={`sla-edit-${kind}`} onClick={() => setEditing({ kind, record } as Editing)}>{t('buttons.edit')}</Button> }] : [];
  const createButton = (kind: Editing['kind']) => manage && <Button type="primary" size="small" data-testid={`sla-create-${kind}`} onClick={() => setEditing({ kind })}>{t('buttons.create')}</Button>;
  const calendarName = (id: string) => calendars.data?.businessCalendars.find((c) => c.id === id)?.name ?? id;
  const list = (enumName: string, values: string[] | null) => (values?.length ? values.map((v) => label(enumName, v)).join(' / ') : t('common.all'));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('admin.policies')} extra={createButton('policy')}>
        <Table scroll={{ x: 'max-content' }}
          rowKey="id"
          loading={policies.isLoading}
          dataSource={policies.data?.slaPolicies ?? []}
          pagination={false}
          expandable={{
            defaultExpandAllRows: true,
            expandedRowRender: (p) => (
              <Table scroll={{ x: 'max-content' }}
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={p.targets}
                columns={[
                  { title: t('cases.type'), render: (_, x: SlaTarget) => list('CaseType', x.types) },
                  { title: t('cases.priority'), render: (_, x: SlaTarget) => list('CasePriority', x.priorities) },
                  { title: t('cases.channel'), render: (_, x: SlaTarget) => list('CaseChannel', x.channels) },
                  { title: t('admin.firstResponse'), dataIndex: 'firstResponseMinutes' },
                  { title: t('sla.nextResponse'), dataIndex: 'nextResponseMinutes' },
                  { title: t('admin.resolution'), render: (_, x: SlaTarget) => x.resolutionMinutes ?? (x.resolutionWorkingDays ? `${x.resolutionWorkingDays}d` : '—') },
                  { title: t('enums.SlaClockKind.VERIFICATION'), render: (_, x: SlaTarget) => (x.verificationWorkingDays ? `${x.verificationWorkingDays}d` : '—') },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (v: string, p: SlaPolicy) => <Space>{text(undefined, v)}{p.isDefault && <Tag color="blue">{t('admin.isDefault')}</Tag>}</Space> },
            { title: t('admin.queue'), dataIndex: 'queue', render: (v: string | null) => v ?? '—' },
            { title: t('admin.calendars'), dataIndex: 'calendarId', render: calendarName },
            { title: t('admin.warningThreshold'), dataIndex: 'warningThreshold', render: (v: number) => `${Math.round(v * 100)}%` },
            { title: t('admin.autoEscalate'), dataIndex: 'autoEscalateOnBreach', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
            ...editColumn<SlaPolicy>('policy'),
          ]}
        />
      </Card>
      <Card title={t('admin.calendars')} extra={createButton('calendar')}>
        <Table scroll={{ x: 'max-content' }}
          rowKey="id"
          loading={calendars.isLoading}
          dataSource={calendars.data?.businessCalendars ?? []}
          pagination={false}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('admin.timeZone'), dataIndex: 'timeZone' },
            {
              title: t('admin.workingDays'),
              render: (_, c: Calendar) => c.workingDays.map((d) => <Tag key={d.weekday}>{t(`sla.weekdays.${d.weekday}`)} {d.periods.map((p) => `${p.start}-${p.end}`).join(', ')}</Tag>),
            },
            { title: t('admin.holidays'), render: (_, c: Calendar) => <Typography.Text type="secondary">{c.holidays.slice(0, 8).join(', ')}{c.holidays.length > 8 ? ' …' : ''}</Typography.Text> },
            ...editColumn<Calendar>('calendar'),
          ]}
        />
      </Card>
      {editing?.kind === 'policy' && <PolicyModal policy={editing.record} calendars={calendars.data?.businessCalendars ?? []} onClose={() => setEditing(undefined)} onSaved={saved} />}
      {editing?.kind === 'calendar' && <CalendarModal calendar={editing.record} onClose={() => setEditing(undefined)} onSaved={saved} />}
    </Space>
  );
}
