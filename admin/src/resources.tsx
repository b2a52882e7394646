import type { ResourceProps } from '@refinedev/core';
import {
  ApiOutlined, AppstoreOutlined, MailOutlined, MessageOutlined, AuditOutlined, ClockCircleOutlined, DashboardOutlined, FieldTimeOutlined, KeyOutlined, ProfileOutlined, SafetyOutlined,
  SettingOutlined, ShopOutlined, InboxOutlined, ShoppingCartOutlined, TeamOutlined, UserOutlined, BankOutlined, WarningOutlined, DatabaseOutlined, SwapOutlined, ExperimentOutlined, MedicineBoxOutlined,
  HomeOutlined, CarryOutOutlined, ExportOutlined, DeleteOutlined, LineChartOutlined, AlertOutlined, RollbackOutlined,
  ContainerOutlined, OrderedListOutlined, FileSearchOutlined, CarOutlined, ThunderboltOutlined, BarChartOutlined,
  CalendarOutlined, ScheduleOutlined, SolutionOutlined, UnorderedListOutlined,
} from '@ant-design/icons';

/** The panel's Refine resources; labels in the current language. Operations come from schema/operations. */
export function coreResources(t: (key: string) => string): ResourceProps[] {
  return [
    { name: 'dashboard', list: '/', meta: { label: t('menu.dashboard'), icon: <DashboardOutlined /> } },
    { name: 'board', list: '/board', meta: { label: t('menu.board'), icon: <FieldTimeOutlined /> } },
    { name: 'cases', list: '/cases', show: '/cases/show/:id', create: '/cases/create', meta: { label: t('menu.cases'), icon: <ProfileOutlined /> } },
    { name: 'customers', list: '/customers', show: '/customers/show/:id', create: '/customers/create', edit: '/customers/edit/:id', meta: { label: t('menu.customers'), icon: <UserOutlined /> } },
    { name: 'orderGroup', meta: { label: t('orders.group'), icon: <ContainerOutlined /> } },
    { name: 'orders', list: '/orders', show: '/orders/show/:id', meta: { parent: 'orderGroup', label: t('orders.list'), icon: <OrderedListOutlined /> } },
    { name: 'orderReview', list: '/orders/review', meta: { parent: 'orderGroup', label: t('orders.review'), icon: <FileSearchOutlined /> } },
    { name: 'orderShipping', list: '/orders/shipping', meta: { parent: 'orderGroup', label: t('orders.shipping'), icon: <CarOutlined /> } },
    { name: 'quickOrder', list: '/orders/quick', meta: { parent: 'orderGroup', label: t('orders.quick'), icon: <ThunderboltOutlined /> } },
    { name: 'orderKpis', list: '/orders/kpis', meta: { parent: 'orderGroup', label: t('orders.kpis'), icon: <BarChartOutlined /> } },
    { name: 'appointmentGroup', meta: { label: t('appointments.group'), icon: <CalendarOutlined /> } },
    { name: 'appointmentCalendar', list: '/appointments/calendar', meta: { parent: 'appointmentGroup', label: t('appointments.calendar'), icon: <CalendarOutlined /> } },
    { name: 'appointments', list: '/appointments', meta: { parent: 'appointmentGroup', label: t('appointments.list'), icon: <UnorderedListOutlined /> } },
    { name: 'appointmentNextDay', list: '/appointments/next-day', meta: { parent: 'appointmentGroup', label: t('appointments.nextDay'), icon: <ScheduleOutlined /> } },
    { name: 'doctors', list: '/appointments/doctors', meta: { parent: 'appointmentGroup', label: t('appointments.doctors'), icon: <SolutionOutlined /> } },
    { name: 'returns', list: '/returns', show: '/returns/show/:id', create: '/returns/create', meta: { label: t('menu.returns'), icon: <RollbackOutlined /> } },
    { name: 'inventory', meta: { label: t('menu.inventory'), icon: <InboxOutlined /> } },
    { name: 'purchaseRequests', list: '/purchase-requests', show: '/purchase-requests/show/:id', meta: { parent: 'inventory', label: t('menu.purchaseRequests'), icon: <ShoppingCartOutlined /> } },
    { name: 'stockBalances', list: '/stock', meta: { parent: 'inventory', label: t('menu.stockBalances'), icon: <DatabaseOutlined /> } },
    { name: 'stockMoves', list: '/stock-moves', meta: { parent: 'inventory', label: t('menu.stockMoves'), icon: <SwapOutlined /> } },
    { name: 'batches', list: '/batches', meta: { parent: 'inventory', label: t('menu.batches'), icon: <ExperimentOutlined /> } },
    { name: 'products', list: '/products', meta: { parent: 'inventory', label: t('menu.products'), icon: <MedicineBoxOutlined /> } },
    { name: 'warehouses', list: '/warehouses', meta: { parent: 'inventory', label: t('menu.warehouses'), icon: <HomeOutlined /> } },
    { name: 'requisitions', list: '/requisitions', show: '/requisitions/show/:id', meta: { parent: 'inventory', label: t('menu.requisitions'), icon: <ExportOutlined /> } },
    { name: 'destructions', list: '/destructions', show: '/destructions/show/:id', meta: { parent: 'inventory', label: t('menu.destructions'), icon: <DeleteOutlined /> } },
    { name: 'storage', list: '/storage', meta: { parent: 'inventory', label: t('menu.storage'), icon: <LineChartOutlined /> } },
    { name: 'recalls', show: '/recalls/show/:id', meta: { parent: 'inventory', label: t('recalls.title'), icon: <AlertOutlined />, hide: true } },
    { name: 'stocktakes', list: '/stocktakes', show: '/stocktakes/show/:id', meta: { label: t('menu.stocktakes'), icon: <CarryOutOutlined /> } },
    { name: 'admin', meta: { label: t('menu.admin'), icon: <SettingOutlined /> } },
    { name: 'franchises', list: '/franchises', create: '/franchises/create', edit: '/franchises/edit/:id', meta: { parent: 'admin', label: t('menu.franchises'), icon: <BankOutlined /> } },
    { name: 'orgUnits', list: '/org-units', create: '/org-units/create', edit: '/org-units/edit/:id', meta: { parent: 'admin', label: t('menu.orgUnits'), icon: <ShopOutlined /> } },
    { name: 'staffUsers', list: '/staff', create: '/staff/create', edit: '/staff/edit/:id', meta: { parent: 'admin', label: t('menu.staffUsers'), icon: <TeamOutlined /> } },
    { name: 'roles', list: '/roles', create: '/roles/create', edit: '/roles/edit/:id', meta: { parent: 'admin', label: t('menu.roles'), icon: <SafetyOutlined /> } },
    { name: 'apiKeys', list: '/api-keys', meta: { parent: 'admin', label: t('menu.apiKeys'), icon: <KeyOutlined /> } },
    { name: 'auditLogs', list: '/audit-logs', meta: { parent: 'admin', label: t('menu.auditLogs'), icon: <AuditOutlined /> } },
    { name: 'sla', list: '/sla', meta: { parent: 'admin', label: t('menu.sla'), icon: <ClockCircleOutlined /> } },
    { name: 'notificationMessages', list: '/notifications/messages', meta: { parent: 'admin', label: t('menu.notificationMessages'), icon: <MailOutlined /> } },
    { name: 'notificationTemplates', list: '/notifications/templates', meta: { parent: 'admin', label: t('menu.notificationTemplates'), icon: <MessageOutlined /> } },
    { name: 'deadLetters', list: '/dead-letters', meta: { parent: 'admin', label: t('menu.deadLetters'), icon: <WarningOutlined /> } },
    { name: 'plugins', list: '/plugins', meta: { parent: 'admin', label: t('menu.plugins'), icon: <ApiOutlined /> } },
  ];
}

export const AppIcon = AppstoreOutlined;
