import { useTranslate, type CrudFilter, type CrudOperators } from '@refinedev/core';
import { Select, Tag } from 'antd';
import { useState } from 'react';
import { useGql } from '../../hooks/use-gql';
import type { Connection } from '../../types';

/** Warehouses in the caller's reach. */
export function WarehousePicker({ value, onChange, style }: { value?: string; onChange?: (v: string | undefined) => void; style?: React.CSSProperties }) {
  const t = useTranslate();
  const { data, isFetching } = useGql<{ warehouses: Connection<{ id: string; name: string }> }>('WarehouseOptions', { paging: { limit: 200 }, sorting: [{ field: 'code', direction: 'ASC' }] });
  return <Select allowClear showSearch optionFilterProp="label" data-testid="warehouse-picker" placeholder={t('inventory.warehouse')} style={style} value={value} onChange={onChange} loading={isFetching} options={(data?.warehouses.nodes ?? []).map((w) => ({ value: w.id, label: w.name }))} />;
}

/** Products by name (generic or brand) or barcode, searched on the server. */
export function ProductPicker({ value, onChange, style }: { value?: string; onChange?: (v: string | undefined) => void; style?: React.CSSProperties }) {
  const t = useTranslate();
  const [text, setText] = useState('');
  const filter = text ? { or: [{ genericName: { iLike: `%${text}%` } }, { brandName: { iLike: `%${text}%` } }, { barcode: { eq: text } }] } : undefined;
  const { data, isFetching } = useGql<{ products: Connection<{ id: string; genericName: string; specification: string }> }>('ProductList', { filter, paging: { limit: 50 }, sorting: [{ field: 'genericName', direction: 'ASC' }] });
  return (
    <Select allowClear showSearch filterOption={false} onSearch={setText} data-testid="product-picker" placeholder={t('inventory.product')} style={style} value={value} onChange={onChange} loading={isFetching}
      options={(data?.products.nodes ?? []).map((p) => ({ value: p.id, label: `${p.genericName} ${p.specification}` }))} />
  );
}

/** Expiry as days left, coloured: expired red, within 30 days orange, 90 days gold. */
export function ExpiryTag({ expiryDate, days }: { expiryDate: string; days: number }) {
  const t = useTranslate();
  const color = days < 0 ? 'red' : days <= 30 ? 'orange' : days <= 90 ? 'gold' : 'green';
  return (
    <Tag color={color} data-testid="expiry" data-days={days}>
      {expiryDate} · {days < 0 ? t('inventory.expiredAgo', { count: -days }) : t('inventory.days', { count: days })}
    </Tag>
  );
}

const BATCH_COLORS: Record<string, string> = { AVAILABLE: 'green', QUARANTINED: 'orange', ON_HOLD: 'orange', RECALLED: 'red', EXPIRED: 'red', DAMAGED: 'volcano' };
export const batchStatusColor = (status?: string | null) => BATCH_COLORS[status ?? ''] ?? 'default';

export const yuan = (cents: number) => (cents / 100).toFixed(2);

/** The value of the list's filter on `field`, if any. */
export const filterValue = (filters: CrudFilter[], field: string) => (filters.find((f) => 'field' in f && f.field === field) as { value?: unknown } | undefined)?.value;

type SetFilters = (setter: (previous: CrudFilter[]) => CrudFilter[]) => void;

/** Replaces the list's filter on `field`; an empty value (undefined, []) removes it. */
export function replaceFilter(setFilters: SetFilters, field: string, operator: Exclude<CrudOperators, 'or' | 'and'>, value: unknown): void {
  const empty = value === undefined || (Array.isArray(value) && !value.length);
  setFilters((previous) => [...previous.filter((f) => !('field' in f) || f.field !== field), ...(empty ? [] : [{ field, operator, value } as CrudFilter])]);
}

/** A person on a document, by name (the API names them; null: not recorded, or outside your franchise). */
export const personName = (person?: { displayName: string } | null) => person?.displayName ?? '—';

export const productText = (p?: { genericName: string; specification: string } | null) => (p ? `${p.genericName} ${p.specification}` : '—');
