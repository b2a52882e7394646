import { NotificationChannel } from './notification.entity';

/**
 * The kinds of message the product sends, each with the placeholders its templates may
 * use and the built-in wording (zh-CN first, English too) used where a franchise has not
 * written its own. A template naming a placeholder its kind does not have is refused.
 */
export interface NotificationKind {
  key: string;
  audience: 'customer' | 'staff';
  label: string;
  placeholders: Record<string, string>;
  /** Built-in wording by language: subject (email subject / in-app title) and body. */
  defaults: Record<Language, { subject: string; body: string; sms?: string }>;
}

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CUSTOMER_CHANNELS = [NotificationChannel.WECHAT, NotificationChannel.SMS, NotificationChannel.EMAIL] as const;

const common = { franchiseName: '加盟商名称 Franchise name' };
const customer = { ...common, customerName: '客户姓名 Customer name' };
const caseFields = { caseNo: '工单号 Case number', subject: '工单主题 Case subject' };
const orderFields = { orderNo: '订单号 Order number' };
const appointmentFields = { appointmentNo: '预约号 Appointment number', doctorName: '医生 Doctor', storeName: '门店/分中心 Store', time: '预约时间 Time', serviceName: '服务项目 Service' };

export const NOTIFICATION_KINDS = [
  {
    key: 'case.resolved',
    audience: 'customer',
    label: '工单已解决 Case resolved',
    placeholders: { ...customer, ...caseFields, resolutionNote: '处理结果 Resolution' },
    defaults: {
      'zh-CN': { subject: '您的工单 {{caseNo}} 已处理完毕', body: '{{customerName}}您好，您反映的“{{subject}}”（工单 {{caseNo}}）已处理：{{resolutionNote}} 如仍有疑问请随时联系我们。【{{franchiseName}}】' },
      en: { subject: 'Your case {{caseNo}} is resolved', body: 'Dear {{customerName}}, your case {{caseNo}} ("{{subject}}") is resolved: {{resolutionNote}} Contact us any time if anything is still unclear. — {{franchiseName}}' },
    },
  },
  {
    key: 'case.confirmation_requested',
    audience: 'customer',
    label: '请客户确认处理方案 Solution to confirm',
    placeholders: { ...customer, ...caseFields, solutionNote: '处理方案 Proposed solution' },
    defaults: {
      'zh-CN': { subject: '请确认工单 {{caseNo}} 的处理方案', body: '{{customerName}}您好，关于“{{subject}}”（工单 {{caseNo}}），我们的处理方案是：{{solutionNote}} 请回复确认或告诉我们您的意见。【{{franchiseName}}】' },
      en: { subject: 'Please confirm the solution for case {{caseNo}}', body: 'Dear {{customerName}}, for case {{caseNo}} ("{{subject}}") we propose: {{solutionNote}} Please reply to confirm or tell us what you think. — {{franchiseName}}' },
    },
  },
  {
    key: 'customer.care',
    audience: 'customer',
    label: '关怀消息 Care message',
    placeholders: { ...customer, message: '消息内容 Message' },
    defaults: {
      'zh-CN': { subject: '来自{{franchiseName}}的关怀', body: '{{customerName}}您好，{{message}}【{{franchiseName}}】' },
      en: { subject: 'A note from {{franchiseName}}', body: 'Dear {{customerName}}, {{message}} — {{franchiseName}}' },
    },
  },
  {
    key: 'order.shipped',
    audience: 'customer',
    label: '订单发货通知 Order shipped',
    placeholders: { ...customer, ...orderFields, carrier: '承运商 Carrier', trackingNo: '运单号 Tracking number', expectedDelivery: '预计送达 Expected delivery' },
    defaults: {
      'zh-CN': { subject: '您的订单 {{orderNo}} 已发货', body: '{{customerName}}您好，您的订单 {{orderNo}} 已由{{carrier}}发出，运单号 {{trackingNo}}，预计送达：{{expectedDelivery}}。【{{franchiseName}}】' },
      en: { subject: 'Your order {{orderNo}} has shipped', body: 'Dear {{customerName}}, your order {{orderNo}} left with {{carrier}}, tracking number {{trackingNo}}; expected delivery: {{expectedDelivery}}. — {{franchiseName}}' },
    },
  },
  {
    key: 'order.tracking',
    audience: 'customer',
    label: '物流进度 Delivery update',
    placeholders: { ...customer, ...orderFields, status: '物流状态 Delivery status', eta: '预计到达 Estimated arrival' },
    defaults: {
      'zh-CN': { subject: '订单 {{orderNo}}：{{status}}', body: '{{customerName}}您好，您的订单 {{orderNo}} {{status}}。{{eta}}【{{franchiseName}}】' },
      en: { subject: 'Order {{orderNo}}: {{status}}', body: 'Dear {{customerName}}, your order {{orderNo}}: {{status}}. {{eta}} — {{franchiseName}}' },
    },
  },
  {
    key: 'order.cancelled',
    audience: 'customer',
    label: '订单取消通知 Order cancelled',
    placeholders: { ...customer, ...orderFields, reason: '取消原因 Reason', refund: '退款说明 Refund' },
    defaults: {
      'zh-CN': { subject: '您的订单 {{orderNo}} 已取消', body: '{{customerName}}您好，您的订单 {{orderNo}} 已取消（{{reason}}）。{{refund}}【{{franchiseName}}】' },
      en: { subject: 'Your order {{orderNo}} is cancelled', body: 'Dear {{customerName}}, your order {{orderNo}} is cancelled ({{reason}}). {{refund}} — {{franchiseName}}' },
    },
  },
  {
    key: 'order.payment_reminder',
    audience: 'customer',
    label: '付款提醒 Payment reminder',
    placeholders: { ...customer, ...orderFields, amount: '应付金额（元）Amount due (yuan)' },
    defaults: {
      'zh-CN': { subject: '订单 {{orderNo}} 待付款', body: '{{customerName}}您好，您的订单 {{orderNo}} 尚待付款 ¥{{amount}}，付款后我们将尽快为您处理。如已付款请忽略本消息。【{{franchiseName}}】' },
      en: { subject: 'Order {{orderNo}} awaits payment', body: 'Dear {{customerName}}, your order {{orderNo}} awaits payment of ¥{{amount}}; we will handle it as soon as it is paid. Please ignore this if you have paid. — {{franchiseName}}' },
    },
  },
  {
    key: 'survey.link',
    audience: 'customer',
    label: '在线满意度调查 Online survey',
    placeholders: { ...customer, subject: '调查主题 What it is about', link: '问卷链接 Survey link', expiresOn: '链接有效期至 Link works until' },
    defaults: {
      'zh-CN': { subject: '请评价我们的服务：{{subject}}', body: '{{customerName}}您好，关于“{{subject}}”，请花一分钟评价我们的服务：{{link}} （链接仅可提交一次，{{expiresOn}} 前有效）【{{franchiseName}}】' },
      en: { subject: 'How did we do? {{subject}}', body: 'Dear {{customerName}}, about "{{subject}}": please take a minute to rate our service: {{link}} (the link works once, until {{expiresOn}}). — {{franchiseName}}' },
    },
  },
  {
    key: 'appointment.confirmed',
    audience: 'customer',
    label: '预约成功通知 Appointment confirmed',
    placeholders: { ...customer, ...appointmentFields },
    defaults: {
      'zh-CN': { subject: '预约成功：{{time}} {{serviceName}}', body: '尊敬的{{customerName}}，您在{{time}}预约{{doctorName}}医生（{{storeName}}）的{{serviceName}}项目已经预约成功，请按时来中心接受服务，如有变化请提前一天通知中心或客服，期待您的光临。【{{franchiseName}}】' },
      en: { subject: 'Appointment confirmed: {{time}} {{serviceName}}', body: 'Dear {{customerName}}, your {{serviceName}} with Dr {{doctorName}} at {{storeName}} on {{time}} is booked. Please come on time; if anything changes, tell us a day ahead. — {{franchiseName}}' },
    },
  },
  {
    key: 'appointment.changed',
    audience: 'customer',
    label: '预约变更通知 Appointment changed',
    placeholders: { ...customer, ...appointmentFields, previousTime: '原预约时间 Previous time' },
    defaults: {
      'zh-CN': { subject: '预约已变更为 {{time}}', body: '尊敬的{{customerName}}，您原定{{previousTime}}的预约已改为{{time}}，{{doctorName}}医生（{{storeName}}）的{{serviceName}}项目，请按时来中心接受服务，期待您的光临。【{{franchiseName}}】' },
      en: { subject: 'Appointment moved to {{time}}', body: 'Dear {{customerName}}, your appointment of {{previousTime}} is now on {{time}}: {{serviceName}} with Dr {{doctorName}} at {{storeName}}. We look forward to seeing you. — {{franchiseName}}' },
    },
  },
  {
    key: 'appointment.cancelled',
    audience: 'customer',
    label: '预约取消通知 Appointment cancelled',
    placeholders: { ...customer, ...appointmentFields, reason: '取消原因 Reason' },
    defaults: {
      'zh-CN': { subject: '预约已取消：{{time}} {{serviceName}}', body: '尊敬的{{customerName}}，您在{{time}}预约的{{serviceName}}项目已经取消，感谢您的支持！【{{franchiseName}}】' },
      en: { subject: 'Appointment cancelled: {{time}} {{serviceName}}', body: 'Dear {{customerName}}, your {{serviceName}} appointment on {{time}} is cancelled. Thank you for your support. — {{franchiseName}}' },
    },
  },
  {
    key: 'appointment.reminder',
    audience: 'customer',
    label: '预约前一天提醒 Day-before reminder',
    placeholders: { ...customer, ...appointmentFields },
    defaults: {
      'zh-CN': { subject: '明日预约提醒：{{time}}', body: '尊敬的{{customerName}}，提醒您：您预约了{{time}}{{doctorName}}医生（{{storeName}}）的{{serviceName}}项目，请按时来中心接受服务，如有变化请及时联系我们。【{{franchiseName}}】' },
      en: { subject: 'Reminder: your appointment tomorrow, {{time}}', body: 'Dear {{customerName}}, a reminder of your {{serviceName}} with Dr {{doctorName}} at {{storeName}} on {{time}}. Please come on time, and tell us if anything changes. — {{franchiseName}}' },
    },
  },
  {
    key: 'appointment.for_doctor',
    audience: 'staff',
    label: '医生预约提醒 Booking for a doctor',
    placeholders: { ...common, ...appointmentFields, customerName: '客户姓名 Customer name', change: '变化 What happened' },
    defaults: {
      'zh-CN': { subject: '{{change}}：{{time}} {{customerName}}', body: '{{customerName}} {{time}} 在{{storeName}}的{{serviceName}}（{{appointmentNo}}）：{{change}}。' },
      en: { subject: '{{change}}: {{time}} {{customerName}}', body: '{{customerName}}, {{serviceName}} at {{storeName}} on {{time}} ({{appointmentNo}}): {{change}}.' },
    },
  },
  {
    key: 'appointment.next_day',
    audience: 'staff',
    label: '次日预约清单 Next day’s appointments',
    placeholders: { ...common, date: '日期 Date', count: '预约数 Count', list: '预约清单 List' },
    defaults: {
      'zh-CN': { subject: '{{date}} 共 {{count}} 个预约', body: '{{date}} 的预约：\n{{list}}' },
      en: { subject: '{{count}} appointments on {{date}}', body: 'Appointments on {{date}}:\n{{list}}' },
    },
  },
  {
    key: 'appointment.verification_overdue',
    audience: 'staff',
    label: '网上预约超时未核实 Online request overdue',
    placeholders: { ...common, ...appointmentFields, customerName: '客户姓名 Customer name' },
    defaults: {
      'zh-CN': { subject: '网上预约 {{appointmentNo}} 超过 2 小时未核实', body: '{{customerName}} 网上预约了 {{time}} {{doctorName}}医生（{{storeName}}）的{{serviceName}}，至今未核实，请尽快联系客户。' },
      en: { subject: 'Online request {{appointmentNo}} not verified within 2 hours', body: '{{customerName}} asked online for {{serviceName}} with Dr {{doctorName}} at {{storeName}} on {{time}}; nobody has verified it yet: please call the customer.' },
    },
  },
  {
    key: 'journey.report_released',
    audience: 'staff',
    label: '检测报告已发布 Test report released',
    placeholders: { ...common, testOrderNo: '检测单号 Test order number', customerName: '客户姓名 Customer name' },
    defaults: {
      'zh-CN': { subject: '{{customerName}}的检测报告已发布', body: '{{customerName}}的检测单 {{testOrderNo}} 报告已由咨询部审核发布，请查看并安排报告总结与解读。' },
      en: { subject: 'Test report of {{customerName}} released', body: 'The report of test order {{testOrderNo}} for {{customerName}} was reviewed and released by the consulting department: please read it and plan the summary and interpretation.' },
    },
  },
  {
    key: 'appraisal.finalized',
    audience: 'staff',
    label: '考核结果已确定 Appraisal result',
    placeholders: { ...common, period: '考核期间 Period', score: '考核得分 Score', band: '考核等级 Band', consequence: '结果应用 Consequence' },
    defaults: {
      'zh-CN': { subject: '{{period}} 考核结果：{{band}}', body: '您 {{period}} 的考核结果已确定：得分 {{score}}，等级 {{band}}，结果应用：{{consequence}}。请在“我的考核”中查看并确认。' },
      en: { subject: 'Appraisal {{period}}: {{band}}', body: 'Your appraisal for {{period}} is final: score {{score}}, band {{band}}, consequence: {{consequence}}. Please read and acknowledge it under My appraisals.' },
    },
  },
  {
    key: 'case.reopened',
    audience: 'staff',
    label: '工单被重新打开 Case reopened',
    placeholders: { ...common, ...caseFields, reason: '原因 Reason' },
    defaults: {
      'zh-CN': { subject: '工单 {{caseNo}} 被重新打开', body: '“{{subject}}”被重新打开：{{reason}}' },
      en: { subject: 'Case {{caseNo}} reopened', body: '"{{subject}}" was reopened: {{reason}}' },
    },
  },
  {
    key: 'case.vip_opened',
    audience: 'staff',
    label: 'VIP 客户新工单 New VIP case',
    placeholders: { ...common, ...caseFields },
    defaults: {
      'zh-CN': { subject: 'VIP 客户新工单 {{caseNo}}', body: 'VIP 客户提交了新工单：“{{subject}}”，请尽快安排处理。' },
      en: { subject: 'New VIP case {{caseNo}}', body: 'A VIP customer opened "{{subject}}"; please see that it is picked up soon.' },
    },
  },
  {
    key: 'improvement.overdue',
    audience: 'staff',
    label: '整改措施逾期 Improvement action overdue',
    placeholders: { ...common, title: '整改措施 Action', ownerName: '负责人 Owner', dueDate: '完成期限 Due date' },
    defaults: {
      'zh-CN': { subject: '整改措施逾期：{{title}}', body: '{{ownerName}}负责的整改措施“{{title}}”已超过完成期限 {{dueDate}} 仍未完成，请督促跟进。' },
      en: { subject: 'Improvement action overdue: {{title}}', body: 'The improvement action "{{title}}" owned by {{ownerName}} was due on {{dueDate}} and is not done yet: please follow it up.' },
    },
  },
  {
    key: 'quarterly.reminder',
    audience: 'staff',
    label: '季度调查提醒 Quarterly survey reminder',
    placeholders: { ...common, title: '问卷标题 Questionnaire', quarter: '季度 Quarter', closesOn: '截止日期 Closes on' },
    defaults: {
      'zh-CN': { subject: '请填写{{quarter}}季度调查：{{title}}', body: '总部的季度调查“{{title}}”将于 {{closesOn}} 截止，贵机构尚未填写，请在“我的季度调查”中完成。' },
      en: { subject: 'Please answer the {{quarter}} survey: {{title}}', body: 'HQ’s quarterly survey "{{title}}" closes on {{closesOn}} and your organization has not answered yet: please answer it under My quarterly surveys.' },
    },
  },
  {
    key: 'stock.alert',
    audience: 'staff',
    label: '库存预警 Stock alert',
    placeholders: { ...common, kindLabel: '预警类型 Alert kind', message: '预警内容 Alert', warehouseName: '仓库 Warehouse' },
    defaults: {
      'zh-CN': { subject: '{{warehouseName}}库存预警：{{kindLabel}}', body: '{{message}}' },
      en: { subject: 'Stock alert at {{warehouseName}}: {{kindLabel}}', body: '{{message}}' },
    },
  },
] as const satisfies readonly NotificationKind[];

export type NotificationKindKey = (typeof NOTIFICATION_KINDS)[number]['key'];
/** The values a kind's message needs, by placeholder name (a missing one does not compile). */
export type KindVariables<K extends NotificationKindKey> = Record<keyof Extract<(typeof NOTIFICATION_KINDS)[number], { key: K }>['placeholders'], string>;

const byKey = new Map<string, NotificationKind>(NOTIFICATION_KINDS.map((k) => [k.key, k]));

export function notificationKind(key: string): NotificationKind | undefined {
  return byKey.get(key);
}

/** The channels a kind may use: customers' channels for customer messages, the bell for staff. */
export function channelsFor(kind: NotificationKind): NotificationChannel[] {
  return kind.audience === 'staff' ? [NotificationChannel.IN_APP] : [...CUSTOMER_CHANNELS];
}
