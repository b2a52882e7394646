import { useGetLocale, useTranslate } from '@refinedev/core';
import { Badge, Tag, Tooltip, Typography } from 'antd';
import { CrownFilled, PauseCircleOutlined } from '@ant-design/icons';
import { useMe } from '../hooks/use-me';
import { useServerNow } from '../hooks/use-now';
import { localizedText, type Locale } from '../i18n';
import { formatDuration, formatInZone } from '../time';

/** A date and time in the franchise's time zone. */
export function DateTime({ value, format }: { value?: string | null; format?: string }) {
  const { me } = useMe();
  return <span className="pd-datetime">{formatInZone(value, me?.scope.orgUnit.timeZone, format)}</span>;
}

/** An enum value in the current language. */
export function useEnumLabel() {
  const t = useTranslate();
  return (enumName: string, value?: string | null) => (value ? t(`enums.${enumName}.${value}`, value) : '—');
}

/** API text in the panel's language (see localizedText): `text(key, apiText)`. */
export function useLocalized() {
  const locale = (useGetLocale()() ?? 'zh-CN') as Locale;
  return (key: string | undefined, apiText?: string | null) => localizedText(locale, key, apiText);
}

/** A case state in the current language (the API's labels are bilingual, "待受理 New", kept for partners). */
export function useStateLabel() {
  const text = useLocalized();
  return (state: string, apiLabel?: string | null) => text(`caseStates.${state}`, apiLabel ?? state);
}

/** Customer tags, queues: known codes in words, others as they are. */
export function useCodeLabel() {
  const t = useTranslate();
  return (namespace: 'customerTags' | 'queues' | 'timelineKinds', code: string) => t(`${namespace}.${code}`, code);
}

export function CustomerTags({ tags }: { tags: string[] }) {
  const label = useCodeLabel();
  return <>{tags.map((tag) => <Tag key={tag} data-tag={tag}>{label('customerTags', tag)}</Tag>)}</>;
}

export function EnumTag({ enumName, value, color }: { enumName: string; value?: string | null; color?: string }) {
  const label = useEnumLabel();
  if (!value) return <>—</>;
  return <Tag color={color}>{label(enumName, value)}</Tag>;
}

const PRIORITY_COLORS: Record<string, string> = { URGENT: 'red', HIGH: 'orange', NORMAL: 'blue', LOW: 'default' };
export function PriorityTag({ priority }: { priority: string }) {
  return <EnumTag enumName="CasePriority" value={priority} color={PRIORITY_COLORS[priority]} />;
}

export function VipMark({ vip }: { vip: boolean }) {
  if (!vip) return null;
  return (
    <Tooltip title="VIP">
      <CrownFilled style={{ color: '#d4a017' }} aria-label="VIP" data-testid="vip-mark" />
    </Tooltip>
  );
}

export type SlaLevel = 'ok' | 'warning' | 'breached' | 'none';
export const SLA_COLORS: Record<SlaLevel, string> = { ok: '#52c41a', warning: '#faad14', breached: '#f5222d', none: '#bfbfbf' };

/** ok / warning / breached from the API's status, and breached as soon as the due time passes on screen. */
export function slaLevel(status: string, dueAt: string | null | undefined, now: number): SlaLevel {
  if (status === 'BREACHED' || (dueAt && Date.parse(dueAt) <= now)) return 'breached';
  if (status === 'WARNING') return 'warning';
  if (status === 'NONE' || !dueAt) return 'none';
  return 'ok';
}

/** Live SLA countdown, coloured ok / warning / breached; 已暂停 while the case waits for the customer (its clocks are paused). */
export function SlaCountdown({ status, dueAt, paused }: { status: string; dueAt?: string | null; paused?: boolean }) {
  const t = useTranslate();
  const now = useServerNow();
  if (paused && status !== 'BREACHED')
    return (
      <Tag icon={<PauseCircleOutlined />} className="pd-sla pd-sla-paused" data-sla="paused">
        {t('sla.paused')}
      </Tag>
    );
  const level = slaLevel(status, dueAt, now);
  const left = dueAt ? Date.parse(dueAt) - now : 0;
  const text = !dueAt ? t('enums.SlaStatus.NONE') : left >= 0 ? t('board.dueIn', { time: formatDuration(left) }) : t('board.overdue', { time: formatDuration(left) });
  return (
    <Tag color={SLA_COLORS[level]} className={`pd-sla pd-sla-${level}`} data-sla={level} style={{ fontVariantNumeric: 'tabular-nums' }}>
      {text}
    </Tag>
  );
}

const PRESENCE_STATUS: Record<string, 'success' | 'warning' | 'default'> = { ONLINE: 'success', AWAY: 'warning', OFFLINE: 'default' };
export function PresenceDot({ availability }: { availability?: string }) {
  const label = useEnumLabel();
  return (
    <Tooltip title={label('AgentAvailability', availability ?? 'OFFLINE')}>
      <Badge status={PRESENCE_STATUS[availability ?? 'OFFLINE']} data-presence={availability ?? 'OFFLINE'} />
    </Tooltip>
  );
}

export const isOverCapacity = (p?: { openCases: number; capacity: number } | null) => !!p && p.capacity > 0 && p.openCases > p.capacity;

/** Open cases against capacity; red and marked 超负荷 when over it. */
export function CapacityTag({ presence }: { presence: { openCases: number; capacity: number } }) {
  const t = useTranslate();
  const over = isOverCapacity(presence);
  return (
    <Tooltip title={t('board.capacityHint')}>
      <Tag color={over ? 'red' : 'default'} data-testid="capacity" data-over={String(over)} style={{ marginInlineStart: 4 }}>
        {over ? `${t('board.overCapacity')} ` : ''}{presence.openCases}/{presence.capacity}
      </Tag>
    </Tooltip>
  );
}

export function MaybeMasked({ value }: { value?: string | null }) {
  const t = useTranslate();
  if (!value) return <>—</>;
  if (/\*/.test(value))
    return (
      <Tooltip title={t('customers.piiMasked')}>
        <Typography.Text type="secondary">{value}</Typography.Text> <Tag>{t('common.masked')}</Tag>
      </Tooltip>
    );
  return <>{value}</>;
}
