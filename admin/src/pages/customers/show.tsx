import { EditButton, Show } from '@refinedev/antd';
import { useShow, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Col, Descriptions, Row, Tag, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DateTime, MaybeMasked, useEnumLabel, CustomerTags, useCodeLabel, useStateLabel, useLocalized } from '../../components/display';
import { request } from '../../data/request';
import { useMe } from '../../hooks/use-me';
import { op } from '../../operations';

interface TimelineEntry {
  kind: string;
  title: string;
  summary: string | null;
  amount: number | null;
  occurredAt: string;
  refId: string | null;
  refType: string | null;
}

/** The pages timeline entries open, by the type of record they refer to. */
const ENTRY_PAGES: Record<string, (id: string) => string> = {
  Case: (id) => `/cases/show/${id}`,
  Order: (id) => `/orders/show/${id}`,
};

/** Everything that happened to the customer, newest first, paged by cursor. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const t = useTranslate();
  const code = useCodeLabel();
  const label = useEnumLabel();
  const stateLabel = useStateLabel();
  const text = useLocalized();
  // A case entry's summary is "TYPE · STATE[ · SOLUTION]" in the API's codes.
  const caseSummary = (summary: string) => {
    const [type, state, solution] = summary.split(' · ');
    return [label('CaseType', type), state && stateLabel(state), solution && label('SolutionType', solution)].filter(Boolean).join(' · ');
  };
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [more, setMore] = useState(false);
  const load = async (after: string | null) => {
    const { customerTimeline } = await request<{ customerTimeline: { nodes: TimelineEntry[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }>('CustomerTimeline', { customerId, first: 20, after });
    setEntries((current) => (after ? [...current, ...customerTimeline.nodes] : customerTimeline.nodes));
    setCursor(customerTimeline.pageInfo.endCursor);
    setMore(customerTimeline.pageInfo.hasNextPage);
  };
  useEffect(() => {
    void load(null);
  }, [customerId]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Card size="small" title={t('customers.timeline')} data-testid="customer-timeline">
      <Timeline
        items={entries.map((e, i) => ({
          key: `${e.refId}-${i}`,
          children: (
            <>
              <Tag data-kind={e.kind}>{code('timelineKinds', e.kind)}</Tag> {e.refId && ENTRY_PAGES[e.refType ?? ''] ? <Link to={ENTRY_PAGES[e.refType!]!(e.refId)}>{e.title}</Link> : e.title}
              {e.amount != null && <Typography.Text strong> ¥{e.amount.toFixed(2)}</Typography.Text>}
              <br />
              {e.summary && <Typography.Text type="secondary">{e.kind === 'case' ? caseSummary(e.summary) : text(undefined, e.summary)} · </Typography.Text>}
              <DateTime value={e.occurredAt} />
            </>
          ),
        }))}
      />
      {more && <Button onClick={() => void load(cursor)}>{t('common.loadMore')}</Button>}
    </Card>
  );
}

/** The archive: masked PII unless permitted, health details, and the timeline. */
export function CustomerShow() {
  const t = useTranslate();
  const label = useEnumLabel();
  const { can } = useMe();
  const { query } = useShow<Record<string, any>>({ resource: 'customers', meta: { gqlQuery: op('CustomerDetail') } }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const c = query.data?.data;
  return (
    <Show isLoading={query.isLoading} title={c ? `${c.name} · ${c.recordNo}` : t('customers.title')} headerButtons={<EditButton />}>
      {c && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={14}>
            {!can('customer:pii') && <Alert type="info" showIcon message={t('customers.piiMasked')} style={{ marginBottom: 12 }} data-testid="pii-masked" />}
            <Card size="small" title={t('customers.archive')}>
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
                <Descriptions.Item label={t('customers.recordNo')}>{c.recordNo}</Descriptions.Item>
                <Descriptions.Item label={t('customers.name')}>{c.name}</Descriptions.Item>
                <Descriptions.Item label={t('customers.gender')}>{label('Gender', c.gender)}</Descriptions.Item>
                <Descriptions.Item label={t('customers.age')}>{c.age ?? '—'} ({c.birthDate ?? '—'})</Descriptions.Item>
                <Descriptions.Item label={t('customers.phone')}><span data-testid="customer-phone"><MaybeMasked value={c.phone} /></span></Descriptions.Item>
                <Descriptions.Item label={t('customers.idNumber')}><MaybeMasked value={c.idNumber} /></Descriptions.Item>
                <Descriptions.Item label={t('customers.address')}><MaybeMasked value={c.address} /></Descriptions.Item>
                <Descriptions.Item label={t('customers.email')}>{c.email ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.memberCardNo')}>{c.memberCardNo ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.orgUnit')}>{c.orgUnit?.name}</Descriptions.Item>
                <Descriptions.Item label={t('customers.doctor')}>{c.doctor?.displayName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.healthManager')}>{c.healthManager?.displayName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.sourceChannel')}>{label('SourceChannel', c.sourceChannel)}</Descriptions.Item>
                <Descriptions.Item label={t('customers.segment')}>{label('CustomerSegment', c.segment)}</Descriptions.Item>
                <Descriptions.Item label={t('customers.totalSpend')}>¥{Number(c.totalSpend).toFixed(2)} · {t('customers.purchaseCount')} {c.purchaseCount}</Descriptions.Item>
                <Descriptions.Item label={t('customers.lastServiceAt')}><DateTime value={c.lastServiceAt} /></Descriptions.Item>
                <Descriptions.Item label={t('customers.tags')} span={2}><CustomerTags tags={c.tags as string[]} /></Descriptions.Item>
                <Descriptions.Item label={t('customers.allergies')} span={2}>{(c.allergies as string[]).map((a) => <Tag color="red" key={a}>{a}</Tag>)}</Descriptions.Item>
                <Descriptions.Item label={t('customers.medications')} span={2}>{(c.currentMedications as { name: string; dosage: string | null }[]).map((m) => `${m.name}${m.dosage ? `（${m.dosage}）` : ''}`).join('；') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.medicalHistory')} span={2}>{c.medicalHistory ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.family')} span={2}>{(c.familyMembers as { name: string; relation: string }[]).map((f) => `${f.relation}: ${f.name}`).join('；') || '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.specialNeeds')} span={2}>{c.specialNeeds ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('customers.note')} span={2}>{c.note ?? '—'}</Descriptions.Item>
              </Descriptions>
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <CustomerTimeline customerId={c.id} />
          </Col>
        </Row>
      )}
    </Show>
  );
}
