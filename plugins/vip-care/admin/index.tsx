import { useCustom, useTranslate } from '@refinedev/core';
import { Col, Row, Statistic } from 'antd';
import { defineAdminExtension, gql, type AdminDashboardWidgetProps } from '../../../admin/src/extensions/types';

const VIP_OVERVIEW = gql('query VipCareOverview { vipCareOverview { openCases unassignedCases warningCases breachedCases nextDueAt } }');

interface Overview {
  openCases: number;
  unassignedCases: number;
  warningCases: number;
  breachedCases: number;
  nextDueAt: string | null;
}

/** The VIP queue at a glance: open, unclaimed, warning and breached VIP cases. */
export function VipQueueWidget(_props: AdminDashboardWidgetProps) {
  const t = useTranslate();
  const { result } = useCustom<{ vipCareOverview: Overview }>({ url: '', method: 'get', meta: { gqlQuery: VIP_OVERVIEW } });
  const o = (result?.data as { vipCareOverview?: Overview } | undefined)?.vipCareOverview ?? (result?.data as unknown as Overview | undefined);
  return (
    <Row gutter={16} data-testid="widget-vip-queue">
      <Col span={6}><Statistic title={t('vipCare.open')} value={o?.openCases ?? 0} /></Col>
      <Col span={6}><Statistic title={t('vipCare.unassigned')} value={o?.unassignedCases ?? 0} /></Col>
      <Col span={6}><Statistic title={t('vipCare.warning')} value={o?.warningCases ?? 0} valueStyle={{ color: '#faad14' }} /></Col>
      <Col span={6}><Statistic title={t('vipCare.breached')} value={o?.breachedCases ?? 0} valueStyle={{ color: '#ff4d4f' }} /></Col>
    </Row>
  );
}

export default defineAdminExtension({
  plugin: 'vip-care',
  dashboardWidgets: [{ key: 'vip-queue', title: 'vipCare.title', component: VipQueueWidget, permission: 'case:read' }],
  translations: {
    'zh-CN': {
      'vipCare.title': 'VIP 队列', 'vipCare.open': '进行中', 'vipCare.unassigned': '待认领', 'vipCare.warning': '即将超时', 'vipCare.breached': '已超时',
      'pluginInfo.vip-care.name': 'VIP 关怀', 'pluginInfo.vip-care.description': 'VIP 客户的工单进入 VIP 队列，适用更严格的 SLA；工作台显示 VIP 队列概况。',
      'pluginInfo.vip-care.options.firstResponseMinutes': 'VIP 工单首次响应时限（分钟，全天候）', 'pluginInfo.vip-care.options.nextResponseMinutes': '每条客户消息的回复时限（分钟）',
      'pluginInfo.vip-care.options.resolutionHours': 'VIP 工单解决时限（小时）',
    },
    en: { 'vipCare.title': 'VIP queue', 'vipCare.open': 'Open', 'vipCare.unassigned': 'Unclaimed', 'vipCare.warning': 'Near SLA', 'vipCare.breached': 'Breached' },
  },
});
