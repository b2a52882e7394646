import { useTranslate } from '@refinedev/core';
import { Card, Space, Table, Tag, Typography } from 'antd';
import { useEnumLabel } from '../../components/display';
import { useGql } from '../../hooks/use-gql';

interface SlaTarget {
  types: string[] | null;
  priorities: string[] | null;
  channels: string[] | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  resolutionWorkingDays: number | null;
  verificationWorkingDays: number | null;
  calendarHours: boolean;
}

interface SlaPolicy {
  id: string;
  name: string;
  isDefault: boolean;
  queue: string | null;
  calendarId: string;
  warningThreshold: number;
  autoEscalateOnBreach: boolean;
  targets: SlaTarget[];
}

interface Calendar {
  id: string;
  name: string;
  timeZone: string;
  holidays: string[];
  workingDays: { weekday: number; periods: { start: string; end: string }[] }[];
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** The franchise's SLA policies (targets per type, priority, channel) and the business calendars they count on. */
export function SlaPage() {
  const t = useTranslate();
  const label = useEnumLabel();
  const policies = useGql<{ slaPolicies: SlaPolicy[] }>('SlaPolicies');
  const calendars = useGql<{ businessCalendars: Calendar[] }>('BusinessCalendars');
  const calendarName = (id: string) => calendars.data?.businessCalendars.find((c) => c.id === id)?.name ?? id;
  const list = (enumName: string, values: string[] | null) => (values?.length ? values.map((v) => label(enumName, v)).join(' / ') : t('common.all'));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card title={t('admin.policies')}>
        <Table
          rowKey="id"
          loading={policies.isLoading}
          dataSource={policies.data?.slaPolicies ?? []}
          pagination={false}
          expandable={{
            defaultExpandAllRows: true,
            expandedRowRender: (p) => (
              <Table
                size="small"
                pagination={false}
                rowKey={(_, i) => String(i)}
                dataSource={p.targets}
                columns={[
                  { title: t('cases.type'), render: (_, x: SlaTarget) => list('CaseType', x.types) },
                  { title: t('cases.priority'), render: (_, x: SlaTarget) => list('CasePriority', x.priorities) },
                  { title: t('cases.channel'), render: (_, x: SlaTarget) => list('CaseChannel', x.channels) },
                  { title: t('admin.firstResponse'), dataIndex: 'firstResponseMinutes' },
                  { title: t('admin.resolution'), render: (_, x: SlaTarget) => x.resolutionMinutes ?? (x.resolutionWorkingDays ? `${x.resolutionWorkingDays}d` : '—') },
                  { title: t('enums.SlaClockKind.VERIFICATION'), render: (_, x: SlaTarget) => (x.verificationWorkingDays ? `${x.verificationWorkingDays}d` : '—') },
                ]}
              />
            ),
          }}
          columns={[
            { title: t('common.name'), dataIndex: 'name', render: (v: string, p: SlaPolicy) => <Space>{v}{p.isDefault && <Tag color="blue">{t('admin.isDefault')}</Tag>}</Space> },
            { title: t('admin.queue'), dataIndex: 'queue', render: (v: string | null) => v ?? '—' },
            { title: t('admin.calendars'), dataIndex: 'calendarId', render: calendarName },
            { title: t('admin.warningThreshold'), dataIndex: 'warningThreshold', render: (v: number) => `${Math.round(v * 100)}%` },
            { title: t('admin.autoEscalate'), dataIndex: 'autoEscalateOnBreach', render: (v: boolean) => (v ? t('common.yes') : t('common.no')) },
          ]}
        />
      </Card>
      <Card title={t('admin.calendars')}>
        <Table
          rowKey="id"
          loading={calendars.isLoading}
          dataSource={calendars.data?.businessCalendars ?? []}
          pagination={false}
          columns={[
            { title: t('common.name'), dataIndex: 'name' },
            { title: t('admin.timeZone'), dataIndex: 'timeZone' },
            {
              title: t('admin.workingDays'),
              render: (_, c: Calendar) => c.workingDays.map((d) => <Tag key={d.weekday}>{WEEKDAYS[d.weekday]} {d.periods.map((p) => `${p.start}-${p.end}`).join(', ')}</Tag>),
            },
            { title: t('admin.holidays'), render: (_, c: Calendar) => <Typography.Text type="secondary">{c.holidays.slice(0, 8).join(', ')}{c.holidays.length > 8 ? ' …' : ''}</Typography.Text> },
          ]}
        />
      </Card>
    </Space>
  );
}
