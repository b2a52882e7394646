import { useTranslate } from '@refinedev/core';
import { App, Button, Card, Empty, InputNumber, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { errorText } from '../../data/errors';
import { request } from '../../data/request';
import type { ApiError } from '../../graphql-client';

interface Line {
  id: string;
  version: number;
  zoneCode: string | null;
  productName: string | null;
  specification: string | null;
  unit: string | null;
  lotNo: string | null;
  expiryDate: string;
  countedQuantity: number | null;
  recountRequired: boolean;
  recounts: number;
  /** Null for counters on a blind sheet: the API never sends it to them. */
  bookQuantity: number | null;
  variance: number | null;
}

interface Sheet {
  id: string;
  countNo: string;
  status: string;
  blind: boolean;
  version: number;
  lineCount: number;
  countedCount: number;
  recountCount: number;
  warehouse: { name: string } | null;
  zone: { code: string; name: string } | null;
}

/**
 * Count entry for a count sheet, made for a tablet held in the aisle: one card per place
 * (product, lot, zone) with a large number field; counts are saved in one request, then the
 * sheet is submitted. On a blind sheet a counter sees no book quantity (the API sends none).
 */
export function StocktakeCount() {
  const t = useTranslate();
  const { message } = App.useApp();
  const { id } = useParams<{ id: string }>();
  const [sheet, setSheet] = useState<Sheet>();
  const [lines, setLines] = useState<Line[]>([]);
  const [entered, setEntered] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const data = await request<{ stocktake: Sheet | null; stocktakeLines: { nodes: Line[] } }>('StocktakeCountSheet', { id });
    setSheet(data.stocktake ?? undefined);
    setLines(data.stocktakeLines.nodes);
  }, [id]);
  useEffect(() => {
    load().catch((error) => message.error(errorText(error as ApiError)));
  }, [load, message]);

  const changed = useMemo(() => Object.entries(entered).filter(([, v]) => v !== null && v !== undefined), [entered]);
  const counting = sheet?.status === 'COUNTING';

  const save = async () => {
    setBusy(true);
    try {
      await request('RecordStocktakeCounts', { input: { stocktakeId: id, counts: changed.map(([lineId, quantity]) => ({ lineId, quantity, version: lines.find((l) => l.id === lineId)?.version })) } });
      message.success(t('stocktake.saved', { count: changed.length }));
      setEntered({});
      await load();
    } catch (error) {
      message.error(errorText(error as ApiError));
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    if (!sheet) return;
    setBusy(true);
    try {
      const { submitStocktake } = await request<{ submitStocktake: { status: string; recountCount: number } }>('SubmitStocktake', { input: { id: sheet.id, version: sheet.version } });
      message.success(submitStocktake.status === 'COUNTING' ? t('stocktake.recountNeeded', { count: submitStocktake.recountCount }) : t('stocktake.submitted'));
      await load();
    } catch (error) {
      message.error(errorText(error as ApiError));
    } finally {
      setBusy(false);
    }
  };

  if (!sheet) return <Spin style={{ display: 'block', margin: 48 }} />;
  return (
    <div className="stocktake-count" data-testid="stocktake-count">
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('stocktake.title')} <span data-lang-neutral>{sheet.countNo}</span>
          </Typography.Title>
          <Typography.Text type="secondary">
            {sheet.warehouse?.name}
            {sheet.zone ? ` · ${sheet.zone.code} ${sheet.zone.name}` : ''}
          </Typography.Text>
          <Space wrap>
            <Tag color={counting ? 'processing' : 'default'}>{t(`stocktake.status.${sheet.status}`)}</Tag>
            {sheet.blind && <Tag color="purple">{t('stocktake.blind')}</Tag>}
            <Tag data-testid="stocktake-progress">{t('stocktake.progress', { counted: sheet.countedCount, total: sheet.lineCount })}</Tag>
            {sheet.recountCount > 0 && <Tag color="orange">{t('stocktake.recounts', { count: sheet.recountCount })}</Tag>}
          </Space>
        </Space>
      </Card>
      {!lines.length && <Empty description={t('stocktake.noLines')} />}
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {lines.map((line) => (
          <Card key={line.id} size="small" data-testid={`count-line-${line.lotNo}`} style={line.recountRequired ? { borderColor: '#fa8c16' } : undefined}>
            <div style={{ display: 'flex', gap: 12, alignItems: 'center', flexWrap: 'wrap' }}>
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Typography.Text strong style={{ fontSize: 16 }}>{line.productName}</Typography.Text> <Typography.Text type="secondary">{line.specification}</Typography.Text>
                <div>
                  <Typography.Text>{t('stocktake.lot')} <span data-lang-neutral>{line.lotNo}</span></Typography.Text>
                  <Typography.Text type="secondary"> · {t('stocktake.expiry')} {line.expiryDate} · {t('stocktake.zone')} <span data-lang-neutral>{line.zoneCode}</span></Typography.Text>
                </div>
                <Space size={4} wrap>
                  {line.recountRequired && <Tag color="orange">{t('stocktake.recount')}</Tag>}
                  {line.countedQuantity !== null && <Tag color="green">{t('stocktake.counted', { quantity: line.countedQuantity })}</Tag>}
                  {line.bookQuantity !== null && <Tag data-testid="book-quantity">{t('stocktake.book', { quantity: line.bookQuantity })}</Tag>}
                  {line.variance !== null && <Tag color={line.variance ? 'red' : 'green'}>{t('stocktake.variance', { quantity: line.variance })}</Tag>}
                </Space>
              </div>
              <InputNumber
                size="large"
                min={0}
                precision={0}
                inputMode="numeric"
                disabled={!counting}
                placeholder={t('stocktake.enterCount')}
                addonAfter={line.unit}
                value={entered[line.id] ?? null}
                onChange={(value) => setEntered((current) => ({ ...current, [line.id]: value as number | null }))}
                style={{ width: 180 }}
                data-testid={`count-input-${line.lotNo}`}
              />
            </div>
          </Card>
        ))}
      </Space>
      {counting && (
        <div style={{ position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', display: 'flex', gap: 12 }}>
          <Button type="primary" size="large" disabled={!changed.length} loading={busy} onClick={save} data-testid="count-save" style={{ flex: 1 }}>
            {t('stocktake.save', { count: changed.length })}
          </Button>
          <Button size="large" loading={busy} onClick={submit} data-testid="count-submit" style={{ flex: 1 }}>
            {t('stocktake.submit')}
          </Button>
        </div>
      )}
    </div>
  );
}
