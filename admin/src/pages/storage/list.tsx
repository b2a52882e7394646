import { List } from '@refinedev/antd';
import { CanAccess, useTranslate } from '@refinedev/core';
import { Alert, Button, Card, Empty, Input, Modal, Segmented, Select, Space, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DateTime, EnumTag } from '../../components/display';
import { useGql, useGqlMutation } from '../../hooks/use-gql';
import { useMe } from '../../hooks/use-me';
import type { Connection } from '../../types';
import { personName } from '../inventory/shared';
import type { Bucket } from './chart';

// ECharts is large: it loads with this page only.
const ReadingsChart = lazy(() => import('./chart').then((m) => ({ default: m.ReadingsChart })));

interface Zone {
  id: string;
  code: string;
  name: string;
  storageClass: string;
  temperatureMin: number;
  temperatureMax: number;
  humidityMin: number;
  humidityMax: number;
  onHold: boolean;
  version: number;
}
interface WarehouseRow { id: string; name: string; zones: Zone[] }
interface Excursion {
  id: string;
  zoneId: string;
  status: string;
  startedAt: string;
  lastOutAt: string;
  endedAt: string | null;
  limits: string;
  readingsOut: number;
  minTemperature: number | null;
  maxTemperature: number | null;
  minHumidity: number | null;
  maxHumidity: number | null;
  caseId: string | null;
  releasedAt: string | null;
  releaseNote: string | null;
  releasedBy: { displayName: string } | null;
}

const RANGES = { '24h': 24, '7d': 24 * 7, '30d': 24 * 30 } as const;
type Range = keyof typeof RANGES;
const HOUR = 3_600_000;
const range = (v: number | null, w: number | null, unit: string) => (v === null ? '' : v === w ? `${v}${unit}` : `${v}–${w}${unit}`);

/**
 * Storage conditions per zone: a chart of the readings (min / average / max per bucket on the
 * server's clock, the zone's limits shaded, out-of-limit buckets in red), the zone's excursions
 * (with the case opened when one lasted too long), and releasing a held zone once it is back in range.
 */
export function StorageConditions() {
  const t = useTranslate();
  const { me } = useMe();
  const warehouses = useGql<{ warehouses: Connection<WarehouseRow> }>('WarehouseList', { paging: { limit: 50 }, sorting: [{ field: 'code', direction: 'ASC' }] });
  const zones = useMemo(() => (warehouses.data?.warehouses.nodes ?? []).flatMap((w) => w.zones.map((z) => ({ ...z, warehouse: w.name }))), [warehouses.data]);
  // The zone shown lives in the address (?zone=…): a link to it works, and it survives the page being drawn again.
  // Without one, the page opens on the first zone on hold and writes it into the address at once: picking that same
  // zone changes nothing (antd calls no onChange), and once its hold is released the default would jump to another zone.
  const [params, setParams] = useSearchParams();
  const setZoneId = useCallback((id: string) => setParams((p) => { p.set('zone', id); return p; }, { replace: true }), [setParams]);
  const zoneId = params.get('zone') ?? zones.find((c) => c.onHold)?.id ?? zones.find((c) => c.storageClass === 'COLD')?.id ?? zones[0]?.id;
  const zone = zones.find((z) => z.id === zoneId);
  useEffect(() => { if (zoneId && !params.has('zone')) setZoneId(zoneId); }, [zoneId, params, setZoneId]);
  const [span, setSpan] = useState<Range>('24h');
  const [measure, setMeasure] = useState<'Temperature' | 'Humidity'>('Temperature');
  // The window ends at the next whole hour on the server's clock, so the query stays cached while the page is open.
  const to = Math.ceil((Date.now() + (me?.clockOffsetMs ?? 0)) / HOUR) * HOUR;
  const from = to - RANGES[span] * HOUR;
  const series = useGql<{ storageReadingSeries: Bucket[] }>('StorageReadingSeries', { zoneId: zone?.id, from: new Date(from).toISOString(), to: new Date(to).toISOString() }, { enabled: !!zone });
  const excursions = useGql<{ storageExcursions: Connection<Excursion> }>('StorageExcursionList', { filter: { zoneId: { eq: zone?.id } }, paging: { limit: 20 } }, { enabled: !!zone });
  const release = useGqlMutation('ReleaseStorageZone', { success: 'storage.released' });
  const [releasing, setReleasing] = useState(false);
  const [note, setNote] = useState('');
  const open = (excursions.data?.storageExcursions.nodes ?? []).some((e) => e.status === 'OPEN');
  const buckets = series.data?.storageReadingSeries ?? [];
  const unit = measure === 'Temperature' ? '°C' : '%';

  return (
    <List title={t('menu.storage')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 320 }} showSearch optionFilterProp="label" loading={warehouses.isLoading} value={zone?.id} onChange={setZoneId} data-testid="zone-picker"
          options={zones.map((z) => ({ value: z.id, label: `${z.warehouse} · ${z.code} ${z.name}` }))} />
        <Segmented value={span} onChange={(v) => setSpan(v as Range)} options={(Object.keys(RANGES) as Range[]).map((r) => ({ value: r, label: t(`storage.range.${r}`) }))} />
        <Segmented value={measure} onChange={(v) => setMeasure(v as typeof measure)} options={[{ value: 'Temperature', label: t('storage.temperature') }, { value: 'Humidity', label: t('storage.humidity') }]} />
      </Space>
      {zone && (
        <Space wrap style={{ marginBottom: 12 }}>
          <EnumTag enumName="StorageClass" value={zone.storageClass} color={zone.storageClass === 'COLD' ? 'cyan' : undefined} />
          <Tag>{t('storage.limits')} {zone.temperatureMin}–{zone.temperatureMax} °C · {zone.humidityMin}–{zone.humidityMax} %</Tag>
          {zone.onHold && <Tag color="orange" data-testid="zone-on-hold">{t('inventory.onHold')}</Tag>}
          {zone.onHold && (
            <CanAccess resource="storage" action="release">
              <Button size="small" disabled={open} onClick={() => setReleasing(true)} data-testid="release-zone">{t('storage.release')}</Button>
            </CanAccess>
          )}
        </Space>
      )}
      {zone?.onHold && open && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('storage.stillOut')} />}
      <Card size="small">
        {series.isLoading ? <Spin style={{ display: 'block', margin: 48 }} /> : !buckets.length ? <Empty description={t('storage.noReadings')} /> : (
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <ReadingsChart buckets={buckets} measure={measure} timeZone={me?.scope.orgUnit.timeZone}
              low={measure === 'Temperature' ? zone!.temperatureMin : zone!.humidityMin} high={measure === 'Temperature' ? zone!.temperatureMax : zone!.humidityMax}
              labels={{ min: t('storage.min'), avg: t('storage.avg'), max: t('storage.max'), limits: t('storage.limits'), outOfRange: t('storage.outOfRange'), unit }} />
          </Suspense>
        )}
      </Card>
      <Card size="small" title={t('storage.excursions')} style={{ marginTop: 12 }}>
        <Table<Excursion> rowKey="id" size="small" pagination={false} loading={excursions.isLoading} dataSource={excursions.data?.storageExcursions.nodes ?? []} data-testid="excursions" scroll={{ x: 'max-content' }}>
          <Table.Column<Excursion> dataIndex="status" title={t('common.status')} render={(v: string) => <Tag color={v === 'OPEN' ? 'red' : 'default'}>{t(`storage.excursionStatus.${v}`)}</Tag>} />
          <Table.Column<Excursion> dataIndex="startedAt" title={t('storage.startedAt')} render={(v: string) => <DateTime value={v} format="MM-DD HH:mm" />} />
          <Table.Column<Excursion> dataIndex="endedAt" title={t('storage.endedAt')} render={(v: string | null) => (v ? <DateTime value={v} format="MM-DD HH:mm" /> : '—')} />
          <Table.Column<Excursion> key="worst" title={t('storage.worst')} render={(_, e) => <span>{range(e.minTemperature, e.maxTemperature, ' °C')} {range(e.minHumidity, e.maxHumidity, ' %')}</span>} />
          <Table.Column<Excursion> dataIndex="limits" title={t('storage.limits')} />
          <Table.Column<Excursion> dataIndex="readingsOut" title={t('storage.readingsOut')} />
          <Table.Column<Excursion> dataIndex="caseId" title={t('storage.case')} render={(v: string | null) => (v ? <Link to={`/cases/show/${v}`}>{t('storage.openCase')}</Link> : '—')} />
          <Table.Column<Excursion> key="released" title={t('storage.releasedBy')} render={(_, e) => (e.releasedAt ? <span>{personName(e.releasedBy)} · <DateTime value={e.releasedAt} format="MM-DD HH:mm" /> {e.releaseNote}</span> : '—')} />
        </Table>
      </Card>
      <Modal open={releasing} title={t('storage.release')} onCancel={() => setReleasing(false)} okButtonProps={{ disabled: !note.trim() }} confirmLoading={release.loading} destroyOnHidden
        onOk={async () => {
          if (await release.run({ input: { id: zone!.id, version: zone!.version, note: note.trim() } })) {
            setReleasing(false);
            setNote('');
            await Promise.all([warehouses.refetch(), excursions.refetch()]);
          }
        }}>
        <Input.TextArea rows={3} placeholder={t('storage.releaseNote')} value={note} onChange={(e) => setNote(e.target.value)} data-testid="release-note" />
      </Modal>
    </List>
  );
}
