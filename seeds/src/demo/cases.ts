import type { EntityManager } from '@mikro-orm/postgresql';
import {
  addBusinessMinutes,
  addCaseMessage,
  AgentAvailability,
  answerFeedback,
  AppError,
  assignCase,
  BUILT_IN_SLA_TARGETS,
  businessMinutesBetween,
  calendarSpec,
  CaseCategory,
  CaseChannel,
  CaseMessageKind,
  CasePriority,
  CaseStage,
  CaseSlaClock,
  CaseType,
  checkSlaClocks,
  claimCase,
  clock,
  createCalendar,
  createCase,
  createCaseView,
  createPolicy,
  EscalationLevel,
  escalateCase,
  OrgUnit,
  OrgUnitKind,
  raiseFeedback,
  referCaseToExpert,
  resolveFeedback,
  setAvailability,
  SlaStatus,
  SolutionType,
  StaffUser,
  transitionCase,
  type RequestContext,
} from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import { stableUuid, type Rng } from '../framework/rng';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

type Calendar = ReturnType<typeof calendarSpec>;

/**
 * Demo cases: for each franchise about 120 consultations, complaints, after-sales requests,
 * suggestions and praise over the last 60 days, in every state of both workflows; plus the
 * franchise's business calendar, SLA policy, agent presence, queue views and
 * cross-department feedback.
 *
 * This file is data: who reported what, who did what to it and when. The history is
 * replayed through the API's own services (ServiceReplay) with the clock moved to each
 * step, in time order across both franchises, with the SLA job run whenever a clock falls
 * due in between; threads, activity, SLA clocks, escalations, numbering and satisfaction
 * requests are what the services write. No rule of the domain is repeated here.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Asia/Shanghai has no daylight saving time: local midnight is UTC 16:00 the day before. */
const SHANGHAI_OFFSET = 8 * 3_600_000;

// ------------------------------------------------------------------ calendar and policy

const WORKDAY = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '18:00' },
];

function dates(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += DAY) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The franchises' default calendar: Shanghai office hours, national holidays and make-up workdays (调休). */
export const DEMO_BUSINESS_CALENDAR = {
  name: '默认工作日历',
  timeZone: 'Asia/Shanghai',
  workingDays: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, periods: WORKDAY })),
  holidays: [...dates('2026-10-01', '2026-10-07'), '2027-01-01', ...dates('2027-02-16', '2027-02-22')],
  // A Sunday and a Saturday worked to make up for the National Day holiday; Monday's hours.
  extraWorkdays: [
    { date: '2026-09-27', periods: null },
    { date: '2026-10-10', periods: null },
  ],
};

export const DEMO_QUEUE_VIEW = '待受理队列';
export const DEMO_ESCALATED_VIEW = '升级工单';

// ------------------------------------------------------------------ texts

interface Product {
  name: string;
  price: number;
}

const PRODUCTS: Product[] = [
  { name: '阿托伐他汀钙片 20mg×7片', price: 38.5 },
  { name: '盐酸二甲双胍片 0.5g×48片', price: 26.8 },
  { name: '硝苯地平控释片 30mg×7片', price: 32 },
  { name: '苯磺酸氨氯地平片 5mg×28片', price: 45.6 },
  { name: '阿司匹林肠溶片 100mg×30片', price: 16.9 },
  { name: '奥美拉唑肠溶胶囊 20mg×14粒', price: 22.4 },
  { name: '缬沙坦胶囊 80mg×28粒', price: 52 },
  { name: '碳酸钙 D3 片 600mg×60片', price: 59 },
  { name: '布地奈德福莫特罗吸入剂 160μg×60吸', price: 236 },
  { name: '维生素 D 滴剂 400IU×30粒', price: 35 },
];
const DEVICES: Product[] = [
  { name: '电子血压计 U12', price: 299 },
  { name: '血糖仪套装（含 50 片试纸）', price: 268 },
  { name: '医用护膝 M 码', price: 89 },
];

interface Details {
  product: Product;
  other: Product;
  device: Product;
  order: string;
  batch: string;
  store: string;
  points: number;
}

interface SolutionText {
  type: SolutionType;
  amount?: (d: Details, rng: Rng) => number;
  note: (d: Details, amount: number | null) => string;
}

interface ComplaintText {
  subject: (d: Details) => string;
  description: (d: Details) => string;
  tags: string[];
  refs: ('order' | 'product' | 'batch' | 'device')[];
  photo?: boolean;
  ack: string;
  note: (d: Details) => string;
  solutions: SolutionText[];
  confirm: string;
  unhappy: string;
  resolution: string;
}

const yuan = (n: number | null) => `¥${(n ?? 0).toFixed(2)}`;

const COMPLAINTS: Record<CaseCategory, ComplaintText[]> = {
  [CaseCategory.DELIVERY_DAMAGED]: [
    {
      subject: (d) => `药品破损：${d.product.name}外包装压坏`,
      description: (d) => `今天收到订单 ${d.order}，快递外箱被压变形，里面的${d.product.name}药盒破损，铝箔板有裂口，部分药片受潮。已拍照留存，希望尽快处理。`,
      tags: ['配送', '破损'],
      refs: ['order', 'product'],
      photo: true,
      ack: '非常抱歉给您带来不便！已记录您反映的药品破损问题。破损的药品请先不要服用，我们会尽快核实并给您答复。',
      note: () => '已调取仓库出库复核记录：出库时包装完好，初步判断为运输途中挤压，已同步物流商处理。',
      solutions: [
        { type: SolutionType.REPLACE, note: (d) => `为您免费补发一盒全新的${d.product.name}，今天安排同城加急配送；破损药品无需寄回，请勿服用。` },
        { type: SolutionType.REFUND, amount: (d) => d.product.price, note: (d, a) => `为您办理${d.product.name}全额退款 ${yuan(a)}，1–3 个工作日原路退回。` },
      ],
      confirm: '补发的药已经收到了，包装完好，谢谢。',
      unhappy: '补发的药盒又是压扁的，能不能换个结实点的包装？',
      resolution: '客户确认已收到完好药品，问题解决。',
    },
  ],
  [CaseCategory.DELIVERY_LATE]: [
    {
      subject: (d) => `配送延迟：订单 ${d.order} 超时未送达`,
      description: (d) => `下单时承诺 2 小时内送达，现在已经过了 5 个小时还没收到，家里老人等着吃${d.product.name}，打骑手电话也没人接。`,
      tags: ['配送', '时效'],
      refs: ['order', 'product'],
      ack: '非常抱歉让您久等了！我们马上联系配送站核实订单位置，稍后给您回电。',
      note: () => '配送站反馈：当日晚高峰骑手运力不足，订单被漏派；已要求站点优先派送并排查排班。',
      solutions: [
        { type: SolutionType.COMPENSATION, amount: (_d, rng) => rng.pick([10, 15, 20, 30]), note: (_d, a) => `订单已加急送达，另为您补偿 ${yuan(a)}（原路退回），为配送延误向您致歉。` },
        { type: SolutionType.APOLOGY, note: () => '订单已安排专人加急送达，我们已要求配送站调整晚高峰排班，再次为延误向您致歉。' },
      ],
      confirm: '药已经送到了，下次希望准时一点。',
      unhappy: '光道歉没用，耽误了老人吃药，希望给个说法。',
      resolution: '订单已送达，客户接受补偿方案。',
    },
  ],
  [CaseCategory.DRUG_SPOILED]: [
    {
      subject: (d) => `药品变质：${d.product.name}变色有异味`,
      description: (d) => `上周买的${d.product.name}，打开后发现药片表面有黄色斑点，还有一股怪味，批号 ${d.batch}，有效期还没到。担心吃了有问题。`,
      tags: ['药品质量'],
      refs: ['order', 'product', 'batch'],
      photo: true,
      ack: '感谢您及时反馈！请先停止服用该批次药品并保留原包装，我们已上报质量管理部门核查。',
      note: (d) => `已通知门店将批号 ${d.batch} 的库存全部下架封存，送质量部抽检；同时核查仓储温湿度记录。`,
      solutions: [
        { type: SolutionType.REFUND, amount: (d) => d.product.price, note: (d, a) => `为您办理全额退款 ${yuan(a)}，并安排上门取回问题药品送检；抽检结果出来后我们会告知您。` },
        { type: SolutionType.REPLACE, note: (d) => `为您更换其他批次的${d.product.name}，今天送达并取回问题药品送检。` },
      ],
      confirm: '新换的药看过了，没有问题，谢谢。',
      unhappy: '换来的还是同一个厂家的，我不太放心，能退款吗？',
      resolution: '问题批次已下架送检，客户接受处理方案。',
    },
  ],
  [CaseCategory.DRUG_WRONG_ITEM]: [
    {
      subject: (d) => `发错药：订购${d.product.name}收到${d.other.name}`,
      description: (d) => `订单 ${d.order} 买的是${d.product.name}，打开包裹发现是${d.other.name}。这是要长期吃的药，差点吃错了！`,
      tags: ['发错货'],
      refs: ['order', 'product'],
      photo: true,
      ack: '非常抱歉出现发错药的情况！收到的药品请不要服用，我们立即核实拣货记录。',
      note: () => '核对拣货单：拣货员误拣相邻货位的药品，复核环节未发现；已安排拣货员重新培训并增加扫码复核。',
      solutions: [
        { type: SolutionType.REPLACE, note: (d) => `今天为您重新配送正确的${d.product.name}，同时上门取回发错的药品，运费由我们承担。` },
        { type: SolutionType.COMPENSATION, amount: (_d, rng) => rng.pick([20, 30, 50]), note: (_d, a) => `已重新配送正确药品并取回发错的药品，另补偿 ${yuan(a)}，对我们的失误深表歉意。` },
      ],
      confirm: '正确的药收到了，发错的也已经被取走了。',
      unhappy: '这已经是第二次发错了，希望能给个合理的补偿。',
      resolution: '已更换正确药品，客户确认。',
    },
  ],
  [CaseCategory.SERVICE_ATTITUDE]: [
    {
      subject: () => '服务态度：门店店员态度冷淡',
      description: (d) => `昨天下午在${d.store}咨询医保卡结算的问题，店员一直看手机，回答很不耐烦，还说"不知道你自己去问医保局"。作为老会员很失望。`,
      tags: ['服务态度', '门店'],
      refs: [],
      ack: '非常抱歉给您带来不愉快的体验！我们会认真核实当班人员的服务情况，并尽快给您答复。',
      note: () => '已调阅门店监控并与当班店员沟通，情况属实；由店长约谈并安排服务规范培训。',
      solutions: [
        { type: SolutionType.COACHING, note: () => '已对相关店员进行服务规范辅导，店长将当面向您致歉；医保结算的办理说明我们也已整理好发给您。' },
        { type: SolutionType.APOLOGY, note: () => '店长已致电向您道歉，并将此事纳入门店服务考核；医保结算问题已为您详细说明。' },
      ],
      confirm: '店长已经打电话道歉了，态度很诚恳，就这样吧。',
      unhappy: '只是电话道歉不够，希望那位店员能改正。',
      resolution: '已完成店员辅导并再次致歉，客户接受。',
    },
    {
      subject: () => '服务态度：客服电话中语气不耐烦',
      description: () => '打客服电话问订单退款，客服说话很冲，没听我说完就挂了电话，希望你们管一管。',
      tags: ['服务态度', '客服'],
      refs: [],
      ack: '非常抱歉给您带来不好的体验！我们已调取通话录音核实，会尽快给您答复。',
      note: () => '已调听通话录音：坐席未按规范完整倾听客户诉求即结束通话；已安排主管一对一辅导。',
      solutions: [
        { type: SolutionType.COACHING, note: () => '已对该坐席进行一对一服务辅导，并由主管向您再次致歉；您的退款已核实，今天原路退回。' },
        { type: SolutionType.APOLOGY, note: () => '客服主管向您郑重致歉，您咨询的退款已处理完毕。' },
      ],
      confirm: '退款收到了，主管也道歉了。',
      unhappy: '希望以后不要再遇到这样的客服。',
      resolution: '坐席已辅导，客户接受道歉。',
    },
  ],
  [CaseCategory.SERVICE_SLOW_REPLY]: [
    {
      subject: () => '客服回复慢：在线咨询半小时无人回复',
      description: () => '晚上在 App 里咨询处方药怎么买，等了半个多小时都没人回复，转人工也一直在排队。',
      tags: ['服务效率', '在线客服'],
      refs: [],
      ack: '非常抱歉让您久等！当时咨询量较大导致排队过长，现在由我为您跟进处理。',
      note: () => '核查当晚在线客服排班：高峰时段仅 1 人在线，已调整晚间排班并开启排队提醒。',
      solutions: [
        { type: SolutionType.APOLOGY, note: () => '已为您解答处方药购买流程，我们也调整了晚间客服排班，再次向您致歉。' },
        { type: SolutionType.COACHING, note: () => '已对当班坐席进行响应时效辅导，并调整晚间排班；处方药购买流程已发给您。' },
      ],
      confirm: '好的，流程我看明白了。',
      unhappy: '今天又等了很久，排班真的调整了吗？',
      resolution: '已解答客户问题并改进排班。',
    },
  ],
  [CaseCategory.OTHER]: [
    {
      subject: () => '会员积分消费后未到账',
      description: (d) => `上周在${d.store}消费了 600 多元，会员积分一直没有到账，App 里查了好几次都是原来的 ${d.points} 分。`,
      tags: ['会员', '积分'],
      refs: [],
      ack: '已收到您的反馈，我们会核查您的会员消费记录并尽快处理。',
      note: () => '系统显示该笔订单收银时未关联会员卡，需人工补录积分；已提醒门店收银规范。',
      solutions: [
        { type: SolutionType.APOLOGY, note: () => '已为您补录该笔消费积分，并额外赠送 200 积分表示歉意，请在 App 中查看。' },
        { type: SolutionType.COMPENSATION, amount: (_d, rng) => rng.pick([5, 10]), note: (_d, a) => `已为您补录积分，另补偿 ${yuan(a)} 优惠金，已发放到会员账户。` },
      ],
      confirm: '积分已经到账了，谢谢。',
      unhappy: '补录的积分数量不对，少了一部分。',
      resolution: '积分已补录，客户确认。',
    },
    {
      subject: () => '电子发票抬头开错',
      description: (d) => `订单 ${d.order} 申请的电子发票抬头写错了公司名称，报销被退回，要求重新开具。`,
      tags: ['发票'],
      refs: ['order'],
      ack: '抱歉给您添麻烦了，我们马上核实发票信息。',
      note: () => '核实为开票时手工录入抬头有误；已联系财务红冲原发票。',
      solutions: [{ type: SolutionType.APOLOGY, note: () => '原发票已红冲，正确抬头的电子发票已重新开具并发送至您的邮箱，给您带来不便深表歉意。' }],
      confirm: '新发票收到了，报销没问题了。',
      unhappy: '新发票的税号也不对。',
      resolution: '发票已重开，客户确认。',
    },
  ],
};

const AFTER_SALES: Partial<Record<CaseCategory, ComplaintText[]>> = {
  [CaseCategory.DELIVERY_DAMAGED]: [
    {
      subject: (d) => `申请退货：${d.device.name}运输途中摔坏`,
      description: (d) => `收到的${d.device.name}屏幕有裂痕，开机显示不全，外箱也有明显磕碰，申请退货退款。`,
      tags: ['退货', '器械'],
      refs: ['order', 'device'],
      photo: true,
      ack: '已收到您的退货申请，请保留商品及原包装，我们会在 24 小时内完成审核。',
      note: () => '审核照片：外箱磕碰、屏幕破裂，属运输损坏；已预约快递上门取件。',
      solutions: [
        { type: SolutionType.REFUND, amount: (d) => d.device.price, note: (d, a) => `审核通过，快递上门取回后为您全额退款 ${yuan(a)}，运费由我们承担。` },
        { type: SolutionType.REPLACE, note: (d) => `审核通过，为您换发一台新的${d.device.name}，取件与送货同时进行。` },
      ],
      confirm: '换的新机器收到了，用着正常。',
      unhappy: '快递一直没来取件。',
      resolution: '退换货已完成。',
    },
  ],
  [CaseCategory.DRUG_SPOILED]: [
    {
      subject: (d) => `申请退换：${d.product.name}受潮结块`,
      description: (d) => `收到的${d.product.name}瓶内药片受潮粘连，批号 ${d.batch}，未拆封的另一瓶也不敢吃了，申请退换。`,
      tags: ['退换货', '药品质量'],
      refs: ['order', 'product', 'batch'],
      photo: true,
      ack: '已收到您的申请，问题药品请勿服用，我们会在 24 小时内完成审核。',
      note: (d) => `批号 ${d.batch} 已送质量部抽检，同批次库存暂停销售。`,
      solutions: [
        { type: SolutionType.REPLACE, note: (d) => `审核通过，为您更换其他批次的${d.product.name}，问题药品上门取回。` },
        { type: SolutionType.REFUND, amount: (d) => d.product.price * 2, note: (_d, a) => `审核通过，两瓶一并退款 ${yuan(a)}，3 个工作日内原路退回。` },
      ],
      confirm: '新的药收到了，没问题。',
      unhappy: '退款怎么还没到账？',
      resolution: '退换货已完成。',
    },
  ],
  [CaseCategory.DRUG_WRONG_ITEM]: [
    {
      subject: (d) => `申请换货：${d.product.name}规格发错`,
      description: (d) => `订单 ${d.order} 订的是${d.product.name}，收到的规格不对，包装未拆封，申请换货。`,
      tags: ['换货'],
      refs: ['order', 'product'],
      ack: '已收到您的换货申请，我们会在 24 小时内完成审核。',
      note: () => '核对出库单确认规格发错，责任在我方；已预约上门换货。',
      solutions: [{ type: SolutionType.REPLACE, note: (d) => `审核通过，上门为您换成正确规格的${d.product.name}，往返运费由我们承担。` }],
      confirm: '已经换好了，谢谢。',
      unhappy: '换来的规格还是不对。',
      resolution: '换货完成。',
    },
  ],
  [CaseCategory.OTHER]: [
    {
      subject: () => '申请退货：血糖试纸与血糖仪型号不匹配',
      description: () => '买的试纸和家里的血糖仪型号不匹配，包装未拆封，申请退货。',
      tags: ['退货'],
      refs: ['order'],
      ack: '已收到您的退货申请，我们会在 24 小时内完成审核。',
      note: () => '包装完好未拆封，不影响二次销售，符合退货条件；客户原因退货，运费由客户承担。',
      solutions: [{ type: SolutionType.REFUND, amount: () => 98, note: (_d, a) => `审核通过，商品寄回验收后为您退款 ${yuan(a)}（寄回运费需您承担）。` }],
      confirm: '退款收到了。',
      unhappy: '为什么运费要我出？',
      resolution: '退货退款完成。',
    },
  ],
};

interface ConsultText {
  subject: (d: Details) => string;
  description: (d: Details) => string;
  tags: string[];
  refs: ('order' | 'product')[];
  ack: string;
  question: string;
  info: string;
  answer: string;
  thanks: string;
  resolution: string;
  /** Medication consultations: the note referring the question to the pharmacist. */
  referral?: string;
}

const CONSULTATIONS: Record<Exclude<CaseType, CaseType.COMPLAINT | CaseType.AFTER_SALES>, ConsultText[]> = {
  [CaseType.CONSULTATION]: [
    {
      subject: () => '会员积分如何抵现',
      description: (d) => `我是你们的会员，积分有 ${d.points} 多分了，想问一下积分怎么用？能直接抵药费吗？`,
      tags: ['会员', '积分'],
      refs: [],
      ack: '您好，很高兴为您服务，我帮您查一下。',
      question: '请问您方便提供会员卡号或注册手机号的后四位吗？我帮您查一下积分有效期。',
      info: '手机号后四位是 6721。',
      answer: '您的积分可以在门店或线上下单时抵现，100 分抵 1 元；处方药和医保支付部分不参与抵扣。积分有效期至次年 12 月 31 日，您目前的积分都在有效期内。',
      thanks: '明白了，谢谢！',
      resolution: '已解答积分使用规则。',
    },
    {
      subject: () => '医保卡可以在线上使用吗',
      description: () => '想在 App 上买降压药，能不能用医保卡支付？',
      tags: ['医保', '支付'],
      refs: [],
      ack: '您好，我来为您解答。',
      question: '请问您的医保是哪个城市的？',
      info: '上海的医保。',
      answer: '上海医保已开通线上医保电子凭证支付，目录内药品可在结算页选择"医保支付"；保健品、器械等非目录商品不能使用医保。门店也支持医保卡和电子凭证结算。',
      thanks: '好的，我试试看。',
      resolution: '已说明医保线上支付范围。',
    },
    {
      subject: () => '线上买处方药需要什么',
      description: () => '医生开了处方，想在网上买，需要上传什么？多久能审核完？',
      tags: ['处方药', '审方'],
      refs: [],
      ack: '您好，我来为您说明处方药的购买流程。',
      question: '请问您的处方是纸质处方还是电子处方？开具多久了？',
      info: '是上周医院开的纸质处方。',
      answer: '您可以在下单时上传 30 日内有效的处方照片，由执业药师审核后调配；营业时间内一般 15 分钟内完成审方。如处方信息不全，药师会电话联系您确认。',
      thanks: '清楚了，谢谢。',
      resolution: '已说明处方药购买流程。',
    },
    {
      subject: () => '门店营业时间与夜间购药',
      description: (d) => `${d.store}晚上几点关门？夜里孩子发烧需要买药怎么办？`,
      tags: ['门店'],
      refs: [],
      ack: '您好，我来为您查询。',
      question: '请问您在哪个区？我帮您查最近的门店。',
      info: '在徐汇区。',
      answer: '门店营业时间为 8:30–21:30；夜间可在 App 下单，由 24 小时药房配送，一般 1 小时内送达。孩子高烧不退或精神差请及时就医。',
      thanks: '好的，知道了。',
      resolution: '已告知营业时间与夜间购药方式。',
    },
    {
      subject: () => '电子发票怎么开',
      description: (d) => `订单 ${d.order} 需要开电子发票报销，在哪里申请？`,
      tags: ['发票'],
      refs: ['order'],
      ack: '您好，我来为您说明。',
      question: '请问发票抬头是个人还是单位？单位的话需要税号。',
      info: '单位，税号我发给您。',
      answer: '订单完成后在订单详情页点击"申请发票"，填写抬头和税号即可，电子发票会在 1 个工作日内发送到您的邮箱。',
      thanks: '收到，谢谢。',
      resolution: '已说明开票流程。',
    },
  ],
  [CaseType.MEDICATION_CONSULTATION]: [
    {
      subject: () => '用药咨询：阿托伐他汀与西柚汁',
      description: () => '我在吃阿托伐他汀钙片，每天早上习惯喝一杯西柚汁，这两个有冲突吗？',
      tags: ['用药咨询', '他汀'],
      refs: [],
      ack: '您好，您的问题涉及药物相互作用，我请药师为您解答。',
      question: '请问您阿托伐他汀每天吃多少毫克？还在服用其他药物吗？',
      info: '每天 20mg，另外还在吃氨氯地平。',
      referral: '客户服用阿托伐他汀钙片，咨询能否与西柚汁同服，请药师解答。',
      answer: '阿托伐他汀主要经肝脏 CYP3A4 代谢，西柚汁会抑制这个酶，使血药浓度升高，增加肌肉疼痛等不良反应的风险。建议服药期间避免大量饮用西柚汁；如出现不明原因的肌肉酸痛、乏力或尿色变深，请及时就医。',
      thanks: '原来如此，以后不喝了，谢谢药师。',
      resolution: '药师已解答他汀与西柚汁的相互作用。',
    },
    {
      subject: () => '用药咨询：二甲双胍饭前还是饭后吃',
      description: () => '医生开了盐酸二甲双胍片 0.5g 一天两次，说明书看不太懂，到底饭前吃还是饭后吃？吃了胃不舒服怎么办？',
      tags: ['用药咨询', '糖尿病'],
      refs: [],
      ack: '您好，我请药师为您详细解答。',
      question: '请问您服用的是普通片还是缓释片？',
      info: '包装上写的是普通片。',
      referral: '客户咨询二甲双胍普通片的服用时间及胃肠道不适，请药师解答。',
      answer: '二甲双胍普通片建议随餐或餐后立即服用，可以减少恶心、腹泻等胃肠道反应；这些反应多在用药几周后减轻。如持续不适或明显腹痛，请联系医生调整剂量。',
      thanks: '明白了，饭后吃。谢谢！',
      resolution: '药师已解答二甲双胍服用时间。',
    },
    {
      subject: () => '用药咨询：硝苯地平控释片能否掰开吃',
      description: () => '老人吞药困难，硝苯地平控释片能不能掰成两半吃？',
      tags: ['用药咨询', '高血压'],
      refs: [],
      ack: '您好，这个问题我请药师为您解答。',
      question: '请问是多大剂量的控释片？每天吃几次？',
      info: '30mg 的，每天一次。',
      referral: '客户咨询硝苯地平控释片能否掰开服用（老人吞咽困难），请药师解答。',
      answer: '控释片必须整片吞服，不可掰开、咀嚼或压碎，否则药物会一次性释放，可能引起血压骤降。吞咽困难的话，请咨询医生是否可以换用其他剂型。',
      thanks: '好的，我们去问问医生换药。',
      resolution: '药师已说明控释片需整片吞服。',
    },
    {
      subject: () => '用药咨询：布洛芬和阿司匹林能一起吃吗',
      description: () => '每天吃阿司匹林肠溶片护心，这两天牙疼想吃布洛芬，可以一起吃吗？',
      tags: ['用药咨询', '相互作用'],
      refs: [],
      ack: '您好，我请药师为您确认。',
      question: '请问阿司匹林每天吃多少？有没有胃病史？',
      info: '每天 100mg，没有胃病。',
      referral: '客户长期服用小剂量阿司匹林，咨询能否同服布洛芬止牙痛，请药师解答。',
      answer: '布洛芬可能影响小剂量阿司匹林的抗血小板作用，并增加胃肠道出血风险。如必须短期服用，建议先服阿司匹林，至少 2 小时后再服布洛芬，且不超过 3 天；也可以考虑对乙酰氨基酚止痛。牙痛持续请及时看牙医。',
      thanks: '谢谢药师，我先吃对乙酰氨基酚。',
      resolution: '药师已解答阿司匹林与布洛芬的相互作用。',
    },
    {
      subject: () => '用药咨询：胰岛素开封后怎么保存',
      description: () => '新买的胰岛素笔芯，开封以后还要放冰箱吗？能放多久？',
      tags: ['用药咨询', '胰岛素'],
      refs: [],
      ack: '您好，我请药师为您解答。',
      question: '请问是哪一种胰岛素？',
      info: '门冬胰岛素笔芯。',
      referral: '客户咨询胰岛素笔芯开封后的保存方法，请药师解答。',
      answer: '未开封的胰岛素放冰箱 2–8℃ 冷藏，不能冷冻；开封使用中的笔芯可在室温（不超过 25–30℃）下保存，一般 4 周内用完，避免阳光直射和高温。具体以说明书为准。',
      thanks: '清楚了，谢谢。',
      resolution: '药师已说明胰岛素保存方法。',
    },
    {
      subject: () => '用药咨询：孕期感冒能吃什么药',
      description: () => '怀孕 5 个月，感冒流鼻涕嗓子疼，能吃什么药？',
      tags: ['用药咨询', '孕期'],
      refs: [],
      ack: '您好，孕期用药需要谨慎，我请药师为您解答。',
      question: '请问有没有发烧？体温多少？',
      info: '没有发烧，就是鼻塞、嗓子疼。',
      referral: '孕中期客户感冒（无发热）咨询用药，请药师解答。',
      answer: '孕期普通感冒以多休息、多喝水为主，可用生理盐水洗鼻缓解鼻塞；复方感冒药多含不适合孕期的成分，请不要自行服用。如出现发热超过 38.5℃ 或症状加重，请及时到产科或内科就诊。',
      thanks: '好的，谢谢提醒。',
      resolution: '药师已给出孕期感冒建议。',
    },
  ],
  [CaseType.ORDER_INQUIRY]: [
    {
      subject: (d) => `订单 ${d.order} 物流一直没更新`,
      description: () => '三天前下的单，物流一直显示已揽收，没有更新，想问一下什么时候能到？',
      tags: ['订单', '物流'],
      refs: ['order'],
      ack: '您好，我马上帮您查询物流。',
      question: '请问收货地址是否有变动？方便留一个联系电话吗？',
      info: '地址没变，电话就是下单的手机号。',
      answer: '已联系快递公司核实：包裹在中转站滞留，今天已重新发出，预计明天送达；运单号不变，您可以在订单详情里查看进度。',
      thanks: '好的，收到了会告诉你们。',
      resolution: '已查明物流并告知预计送达时间。',
    },
    {
      subject: (d) => `订单 ${d.order} 需要修改收货地址`,
      description: () => '刚下的单地址填成了公司，想改成家里地址。',
      tags: ['订单', '改地址'],
      refs: ['order'],
      ack: '您好，我来帮您处理。',
      question: '为核实身份，请提供下单人姓名和手机号后四位，以及新的收货地址。',
      info: '姓名和手机号发您了，新地址是人民路 88 号 3 单元。',
      answer: '身份已核实，订单尚未出库，收货地址已修改为新地址，修改记录已保存。',
      thanks: '改好了，谢谢。',
      resolution: '已核实身份并修改地址。',
    },
    {
      subject: (d) => `取消订单 ${d.order} 后退款多久到账`,
      description: () => '订单已经取消了，退款多久能到账？',
      tags: ['订单', '退款'],
      refs: ['order'],
      ack: '您好，我帮您查一下退款进度。',
      question: '请问您当时是用什么方式支付的？',
      info: '微信支付。',
      answer: '退款已于今天发起，微信支付一般 1–3 个工作日原路退回，您可以在微信支付账单中查看。',
      thanks: '好的，我留意一下。',
      resolution: '已告知退款时效。',
    },
  ],
  [CaseType.SUGGESTION]: [
    {
      subject: () => '建议增加夜间配送服务',
      description: () => '晚上 10 点以后就不能下单配送了，家里有老人小孩，希望能开通夜间配送。',
      tags: ['建议', '配送'],
      refs: [],
      ack: '感谢您的建议！',
      question: '请问您一般需要在几点之后下单？我们汇总给运营部门参考。',
      info: '一般是晚上 11 点左右。',
      answer: '感谢您的宝贵建议！已反馈给运营部门，目前部分城区已试点 24 小时药房配送，后续会逐步扩大范围。',
      thanks: '好的，期待。',
      resolution: '建议已转运营部门评估。',
    },
    {
      subject: () => '建议小程序增加用药提醒',
      description: () => '家里老人记不住吃药时间，希望小程序能有按时吃药的提醒功能。',
      tags: ['建议', '小程序'],
      refs: [],
      ack: '感谢您的建议！',
      question: '请问您希望通过微信消息还是短信提醒？',
      info: '微信消息就可以。',
      answer: '感谢建议！产品团队已将用药提醒列入下个版本的规划，上线后会第一时间通知您。',
      thanks: '太好了。',
      resolution: '建议已转产品团队。',
    },
    {
      subject: () => '建议门店增加老人休息座椅',
      description: (d) => `${d.store}排队结算的时候老人只能站着，建议放几把椅子。`,
      tags: ['建议', '门店'],
      refs: [],
      ack: '感谢您的建议！',
      question: '请问一般是什么时段排队比较多？',
      info: '周末上午。',
      answer: '感谢您的细心建议！门店已增设休息座椅，并在周末上午增加一个收银台。',
      thanks: '赞！',
      resolution: '门店已采纳建议。',
    },
  ],
  [CaseType.PRAISE]: [
    {
      subject: () => '表扬：药师耐心讲解用药方法',
      description: (d) => `${d.store}的药师给我妈妈讲胰岛素笔怎么用，讲了很多遍都很耐心，特别感谢！`,
      tags: ['表扬'],
      refs: [],
      ack: '感谢您的认可！',
      question: '方便告诉我们是哪一天、哪位药师吗？我们好转达表扬。',
      info: '上周六上午，戴眼镜的女药师。',
      answer: '感谢您的认可！我们已将您的表扬转达给当班药师，并纳入本月服务之星评选。',
      thanks: '应该的。',
      resolution: '表扬已转达。',
    },
    {
      subject: () => '表扬：配送员雨天准时送达',
      description: () => '昨天下大雨，配送员还是准时把药送到，药也包得好好的，没有淋湿，点个赞。',
      tags: ['表扬', '配送'],
      refs: [],
      ack: '感谢您的认可！',
      question: '方便提供一下订单号吗？我们好找到这位配送员。',
      info: '订单号发您了。',
      answer: '感谢您的表扬！已转达给配送站，这位配送员将获得本月服务奖励。',
      thanks: '他值得。',
      resolution: '表扬已转达配送站。',
    },
  ],
};

const NOTES = ['客户情绪较激动，沟通时注意安抚。', '已查看客户历史工单，此前有过类似反映。', '客户为慢病长期用药人群，处理时优先保障用药不断。', '已电话回访客户，客户同意等待处理结果。'];
const CANCEL_REASONS = { cancelNew: '客户表示已在门店当面解决，撤销工单', duplicate: '客户重复提交，已在另一工单处理', withdrawn: '客户表示问题已自行解决，撤销工单' };

// ------------------------------------------------------------------ plans

type Actor = 'owner' | 'expert' | 'supervisor';
/** Time to the step: working minutes on the calendar, or wall-clock minutes (the customer's side). */
type Gap = { bm: number } | { wm: number };
type Step =
  | { op: 'transition'; gap: Gap; action: string; by: Actor; input?: Record<string, unknown> }
  | { op: 'message'; gap: Gap; kind: CaseMessageKind; body: string; by?: Actor; receive?: boolean }
  | { op: 'claim'; gap: Gap }
  | { op: 'assign'; gap: Gap }
  | { op: 'escalate'; gap: Gap; level: EscalationLevel; reason: string }
  | { op: 'refer'; gap: Gap; question: string };

type Variant = 'claimed' | 'assigned' | 'warning' | 'breached' | 'cancel_new' | 'cancel_accepted' | 'reopen' | 'info_loop' | 'referred' | 'escalate_supervisor' | 'escalate_director';

interface Slot {
  workflow: 'complaint' | 'consultation';
  state: string;
  variant?: Variant;
}

const slots = (workflow: Slot['workflow'], state: string, count: number, variants: Variant[] = []): Slot[] =>
  Array.from({ length: count }, (_, i) => ({ workflow, state, variant: variants[i] }));

/** What each franchise gets: every state of both workflows, with the interesting histories pinned. */
const SLOTS: Slot[] = [
  ...slots('complaint', 'NEW', 6, ['breached', 'claimed', 'assigned']),
  ...slots('complaint', 'ACCEPTED', 5),
  ...slots('complaint', 'INVESTIGATING', 6, ['escalate_supervisor', 'reopen']),
  ...slots('complaint', 'SOLUTION_PROPOSED', 4, ['escalate_director']),
  ...slots('complaint', 'AWAITING_CONFIRMATION', 5),
  ...slots('complaint', 'RESOLVED', 8),
  ...slots('complaint', 'CLOSED', 16, ['cancel_new', 'cancel_accepted', 'reopen', 'escalate_director']),
  ...slots('consultation', 'NEW', 8, ['warning', 'claimed', 'assigned']),
  ...slots('consultation', 'ACCEPTED', 7, ['info_loop', 'referred']),
  ...slots('consultation', 'AWAITING_INFO', 5),
  ...slots('consultation', 'ANSWERED', 7),
  ...slots('consultation', 'RESOLVED', 10),
  ...slots('consultation', 'CLOSED', 33, ['cancel_new', 'cancel_accepted', 'cancel_accepted', 'reopen', 'info_loop']),
];

const CHANNEL_WEIGHTS: [CaseChannel, number][] = [
  [CaseChannel.PHONE, 30],
  [CaseChannel.ONLINE_CHAT, 25],
  [CaseChannel.WECHAT, 15],
  [CaseChannel.APP, 10],
  [CaseChannel.IN_STORE, 10],
  [CaseChannel.EMAIL, 5],
  [CaseChannel.SMS, 5],
];
const COMPLAINT_TYPES: [CaseType, number][] = [
  [CaseType.COMPLAINT, 3],
  [CaseType.AFTER_SALES, 1],
];
const CONSULTATION_TYPES: [CaseType, number][] = [
  [CaseType.CONSULTATION, 30],
  [CaseType.ORDER_INQUIRY, 30],
  [CaseType.MEDICATION_CONSULTATION, 18],
  [CaseType.SUGGESTION, 10],
  [CaseType.PRAISE, 8],
];
const COMPLAINT_CATEGORIES: [CaseCategory, number][] = [
  [CaseCategory.DELIVERY_DAMAGED, 3],
  [CaseCategory.DELIVERY_LATE, 3],
  [CaseCategory.DRUG_SPOILED, 2],
  [CaseCategory.DRUG_WRONG_ITEM, 2],
  [CaseCategory.SERVICE_ATTITUDE, 2],
  [CaseCategory.SERVICE_SLOW_REPLY, 1],
  [CaseCategory.OTHER, 1],
];
const AFTER_SALES_CATEGORIES = Object.keys(AFTER_SALES) as CaseCategory[];
const COMPLAINT_PRIORITIES: [CasePriority, number][] = [
  [CasePriority.LOW, 1],
  [CasePriority.NORMAL, 5],
  [CasePriority.HIGH, 3],
  [CasePriority.URGENT, 1],
];
const CONSULTATION_PRIORITIES: [CasePriority, number][] = [
  [CasePriority.LOW, 3],
  [CasePriority.NORMAL, 6],
  [CasePriority.HIGH, 1],
];

/** `count` values, each of the weighted ones at least once (when count allows), the rest by weight, shuffled. */
function spread<T>(rng: Rng, weighted: readonly (readonly [T, number])[], count: number): T[] {
  const out = weighted.map(([value]) => value);
  while (out.length < count) out.push(rng.pickWeighted(weighted));
  return rng.sample(out, out.length).slice(0, count);
}

const LEVELS = [EscalationLevel.AGENT, EscalationLevel.SUPERVISOR, EscalationLevel.DIRECTOR, EscalationLevel.HQ];

// ------------------------------------------------------------------ business time

/** The instant `minutes` working minutes before `end` (the working time in [result, end) is `minutes`). */
function businessMinutesBefore(cal: Calendar, end: Date, minutes: number): Date {
  let dayStart = Math.floor((end.getTime() + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
  let to = end.getTime();
  let remaining = minutes;
  for (let i = 0; i < 800; i++) {
    const available = businessMinutesBetween(cal, new Date(dayStart), new Date(to));
    if (available >= remaining) return addBusinessMinutes(cal, new Date(dayStart), available - remaining);
    remaining -= available;
    to = dayStart;
    dayStart -= DAY;
  }
  throw new Error(`no ${minutes} working minutes before ${end.toISOString()}`);
}

const ceilMinute = (t: number) => Math.ceil(t / MINUTE) * MINUTE;

// ------------------------------------------------------------------ building a case

/** One demo case as data: what was reported, by whom and when, and what happened to it when. */
interface Built {
  slot: Slot;
  input: CaseInput;
  /** Who opened it (the agent who took the call) and who works it. */
  creator: string;
  owner: string;
  createdAt: Date;
  steps: Step[];
  times: Date[];
}

type CaseInput = Parameters<typeof createCase>[1];

interface FranchiseInput {
  key: string;
  franchise: OrgUnit;
  stores: OrgUnit[];
  agents: string[];
  supervisor: string;
  expert: string;
  customers: { id: string; org_unit_id: string; tags: string[] }[];
  calendar: Calendar;
  now: Date;
}

function details(rng: Rng, store: string): Details {
  const [product, other] = rng.sample(PRODUCTS, 2) as [Product, Product];
  return { product, other, device: rng.pick(DEVICES), order: `SO${rng.digits(12)}`, batch: `${rng.pick(['B', 'H', 'Z'])}${rng.digits(8)}`, store, points: rng.int(8, 60) * 100 };
}

/** Accepting (and the first reply right after): on time mostly, a phone case within its 15 minutes; now and then late. */
const firstResponse = (rng: Rng, channel: CaseChannel): Gap => ({ bm: rng.chance(0.06) ? rng.int(35, 120) : channel === CaseChannel.PHONE ? rng.int(1, 8) : rng.int(2, 18) });

function complaintPlan(rng: Rng, slot: Slot, channel: CaseChannel, text: ComplaintText, d: Details): Step[] {
  const bm = (min: number, max: number): Gap => ({ bm: rng.int(min, max) });
  const wm = (min: number, max: number): Gap => ({ wm: rng.int(min, max) });
  const steps: Step[] = [];
  const { state, variant } = slot;
  if (variant === 'claimed') steps.push({ op: 'claim', gap: bm(1, 8) });
  if (variant === 'assigned') steps.push({ op: 'assign', gap: bm(1, 8) });
  if (state === 'NEW') return steps;
  if (variant === 'cancel_new') {
    steps.push({ op: 'claim', gap: bm(2, 10) });
    steps.push({ op: 'message', gap: wm(5, 60), kind: CaseMessageKind.CUSTOMER, body: '我已经在门店当面处理好了，这个投诉撤销吧。' });
    steps.push({ op: 'transition', gap: bm(2, 20), action: 'cancel', by: 'owner', input: { reason: CANCEL_REASONS.cancelNew } });
    return steps;
  }
  steps.push({ op: 'transition', gap: firstResponse(rng, channel), action: 'accept', by: 'owner' });
  steps.push({ op: 'message', gap: bm(1, 3), kind: CaseMessageKind.REPLY, body: text.ack, by: 'owner' });
  if (variant === 'cancel_accepted') {
    steps.push({ op: 'message', gap: wm(10, 300), kind: CaseMessageKind.CUSTOMER, body: '不用处理了，我已经自己去医院重新开了药。' });
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'cancel', by: 'owner', input: { reason: CANCEL_REASONS.withdrawn } });
    return steps;
  }
  if (rng.chance(0.25)) steps.push({ op: 'message', gap: bm(1, 10), kind: CaseMessageKind.NOTE, body: rng.pick(NOTES), by: 'owner' });
  if (state === 'ACCEPTED') return steps;
  steps.push({ op: 'transition', gap: bm(5, 90), action: 'start_investigation', by: 'owner' });
  if (rng.chance(0.6)) steps.push({ op: 'message', gap: bm(10, 180), kind: CaseMessageKind.NOTE, body: text.note(d), by: 'owner' });
  if (variant === 'escalate_supervisor') steps.push({ op: 'escalate', gap: bm(5, 60), level: EscalationLevel.SUPERVISOR, reason: '客户要求的赔偿金额超出坐席权限，升级主管处理' });
  if (variant === 'escalate_director') steps.push({ op: 'escalate', gap: bm(5, 60), level: EscalationLevel.DIRECTOR, reason: '客户要求门店负责人出面处理，超出客服权限，升级店长' });
  if (state === 'INVESTIGATING' && variant !== 'reopen') return steps;
  const propose = (solution: SolutionText, gap: Gap, again = false): Step => {
    const amount = solution.amount ? Math.round(solution.amount(d, rng) * 100) / 100 : null;
    const note = `${again ? '经重新协商：' : ''}${solution.note(d, amount)}`;
    return { op: 'transition', gap, action: 'propose_solution', by: 'owner', input: { solutionType: solution.type, solutionAmount: amount, solutionNote: note } };
  };
  const [first, second] = rng.sample(text.solutions, 2);
  steps.push(propose(first!, rng.chance(0.05) ? bm(1000, 1500) : bm(60, 600)));
  if (state === 'SOLUTION_PROPOSED') return steps;
  steps.push({ op: 'transition', gap: bm(5, 120), action: 'request_confirmation', by: 'owner' });
  if (state === 'AWAITING_CONFIRMATION') return steps;
  if (variant === 'reopen') {
    steps.push({ op: 'message', gap: wm(60, 1200), kind: CaseMessageKind.CUSTOMER, body: text.unhappy });
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'reopen', by: 'owner', input: { reason: '客户对处理方案不满意，要求重新协商' } });
    if (state === 'INVESTIGATING') return steps;
    steps.push(propose(second ?? first!, bm(30, 180), true));
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'request_confirmation', by: 'owner' });
  }
  steps.push({ op: 'message', gap: wm(30, 1440), kind: CaseMessageKind.CUSTOMER, body: text.confirm });
  steps.push({ op: 'transition', gap: bm(5, 120), action: 'resolve', by: 'owner', input: { resolutionNote: text.resolution } });
  if (state === 'RESOLVED') return steps;
  steps.push({ op: 'transition', gap: bm(60, 960), action: 'close', by: 'owner' });
  return steps;
}

function consultationPlan(rng: Rng, slot: Slot, channel: CaseChannel, type: CaseType, text: ConsultText): Step[] {
  const bm = (min: number, max: number): Gap => ({ bm: rng.int(min, max) });
  const wm = (min: number, max: number): Gap => ({ wm: rng.int(min, max) });
  const medication = type === CaseType.MEDICATION_CONSULTATION;
  const steps: Step[] = [];
  const { state, variant } = slot;
  if (variant === 'claimed') steps.push({ op: 'claim', gap: bm(1, 8) });
  if (variant === 'assigned') steps.push({ op: 'assign', gap: bm(1, 8) });
  if (state === 'NEW') return steps;
  if (variant === 'cancel_new') {
    steps.push({ op: 'claim', gap: bm(2, 10) });
    steps.push({ op: 'message', gap: wm(2, 30), kind: CaseMessageKind.CUSTOMER, body: '不好意思，刚才重复提交了。' });
    steps.push({ op: 'transition', gap: bm(2, 20), action: 'cancel', by: 'owner', input: { reason: CANCEL_REASONS.duplicate } });
    return steps;
  }
  steps.push({ op: 'transition', gap: firstResponse(rng, channel), action: 'accept', by: 'owner' });
  steps.push({ op: 'message', gap: bm(1, 3), kind: CaseMessageKind.REPLY, body: text.ack, by: 'owner' });
  if (variant === 'cancel_accepted') {
    steps.push({ op: 'message', gap: wm(10, 240), kind: CaseMessageKind.CUSTOMER, body: '问题已经解决了，不用回复了，谢谢。' });
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'cancel', by: 'owner', input: { reason: CANCEL_REASONS.withdrawn } });
    return steps;
  }
  if (state === 'AWAITING_INFO' || variant === 'info_loop' || (state !== 'ACCEPTED' && rng.chance(0.3))) {
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'request_info', by: 'owner', input: { question: text.question } });
    if (state === 'AWAITING_INFO') return steps;
    steps.push({ op: 'message', gap: wm(20, 600), kind: CaseMessageKind.CUSTOMER, body: text.info, by: 'owner', receive: true });
  }
  const refer = (): Step => ({ op: 'refer', gap: bm(5, 30), question: text.referral ?? `客户咨询：${text.subject({} as Details)}，请药师解答。` });
  if (state === 'ACCEPTED') {
    if (medication && (variant === 'referred' || rng.chance(0.5))) steps.push(refer());
    else if (rng.chance(0.3)) steps.push({ op: 'message', gap: bm(5, 30), kind: CaseMessageKind.NOTE, body: rng.pick(NOTES), by: 'owner' });
    return steps;
  }
  // A medication question is answered by the pharmacist it was referred to.
  if (medication) steps.push(refer());
  const answer = (gap: Gap, body: string): Step => ({ op: 'transition', gap, action: 'answer', by: medication ? 'expert' : 'owner', input: { answer: body } });
  steps.push(answer(medication ? bm(20, 100) : bm(10, 90), text.answer));
  if (state === 'ANSWERED') return steps;
  if (variant === 'reopen') {
    steps.push({ op: 'message', gap: wm(30, 600), kind: CaseMessageKind.CUSTOMER, body: '按您说的试了，还是不太明白，能再详细说说吗？' });
    steps.push({ op: 'transition', gap: bm(5, 60), action: 'reopen', by: 'owner', input: { reason: '客户反馈答复未解决问题' } });
    steps.push(answer(bm(20, 90), `补充说明：${text.answer}如还有疑问，欢迎随时联系我们。`));
  }
  steps.push({ op: 'message', gap: wm(10, 600), kind: CaseMessageKind.CUSTOMER, body: text.thanks });
  steps.push({ op: 'transition', gap: bm(2, 60), action: 'resolve', by: 'owner', input: { resolutionNote: text.resolution } });
  if (state === 'RESOLVED') return steps;
  steps.push({ op: 'transition', gap: bm(60, 960), action: 'close', by: 'owner' });
  return steps;
}

const OPEN_STATES = new Set(['NEW', 'ACCEPTED', 'INVESTIGATING', 'SOLUTION_PROPOSED', 'AWAITING_CONFIRMATION', 'AWAITING_INFO', 'ANSWERED']);
const PENDING_STATES = new Set(['AWAITING_CONFIRMATION', 'AWAITING_INFO', 'ANSWERED']);

/** Step times from `start`: working minutes for staff, wall-clock minutes for the customer; scaled by `scale`. */
function stepTimes(cal: Calendar, start: Date, steps: Step[], scale: number, asWorking: boolean): Date[] {
  const times: Date[] = [];
  let t = start;
  for (const step of steps) {
    const gap = step.gap;
    if ('bm' in gap || asWorking) t = addBusinessMinutes(cal, t, Math.max(1, Math.round(('bm' in gap ? gap.bm : gap.wm) * scale)));
    else t = new Date(t.getTime() + gap.wm * MINUTE);
    times.push(t);
  }
  return times;
}

function buildCases(rng: Rng, input: FranchiseInput): Built[] {
  const { franchise, stores, agents, customers, calendar: cal, now } = input;
  const vip = customers.filter((c) => c.tags.includes('vip'));
  const byWorkflow = (w: Slot['workflow']) => SLOTS.map((s, i) => [s, i] as const).filter(([s]) => s.workflow === w);

  // Types, categories, channels and priorities: each value at least once per franchise.
  const types = new Map<number, CaseType>();
  const categories = new Map<number, CaseCategory | null>();
  const priorities = new Map<number, CasePriority>();
  const channels = new Map<number, CaseChannel>();
  const pinned = (s: Slot) => s.variant === 'warning' || s.variant === 'breached' || s.variant === 'referred' || s.variant === 'escalate_director';
  for (const workflow of ['complaint', 'consultation'] as const) {
    const all = byWorkflow(workflow);
    const free = all.filter(([s]) => !pinned(s));
    spread(rng, workflow === 'complaint' ? COMPLAINT_TYPES : CONSULTATION_TYPES, free.length).forEach((t, j) => types.set(free[j]![1], t));
    spread(rng, workflow === 'complaint' ? COMPLAINT_PRIORITIES : CONSULTATION_PRIORITIES, all.length).forEach((p, j) => priorities.set(all[j]![1], p));
  }
  SLOTS.forEach((s, i) => {
    if (s.variant === 'breached') types.set(i, CaseType.COMPLAINT);
    if (s.variant === 'escalate_director') types.set(i, CaseType.COMPLAINT);
    if (s.variant === 'warning') types.set(i, CaseType.CONSULTATION);
    if (s.variant === 'referred') types.set(i, CaseType.MEDICATION_CONSULTATION);
  });
  const complaints = SLOTS.map((_, i) => i).filter((i) => types.get(i) === CaseType.COMPLAINT);
  const freeComplaints = complaints.filter((i) => SLOTS[i]!.variant !== 'escalate_director');
  spread(rng, COMPLAINT_CATEGORIES, freeComplaints.length).forEach((c, j) => categories.set(freeComplaints[j]!, c));
  for (const i of complaints) if (SLOTS[i]!.variant === 'escalate_director') categories.set(i, CaseCategory.SERVICE_ATTITUDE);
  SLOTS.forEach((_, i) => {
    if (types.get(i) === CaseType.AFTER_SALES) categories.set(i, rng.pick(AFTER_SALES_CATEGORIES));
    if (!categories.has(i)) categories.set(i, null);
  });
  const freeChannels = SLOTS.map((s, i) => [s, i] as const).filter(([s]) => s.variant !== 'warning' && s.variant !== 'breached');
  spread(rng, CHANNEL_WEIGHTS, freeChannels.length).forEach((ch, j) => channels.set(freeChannels[j]![1], ch));
  SLOTS.forEach((s, i) => {
    if (s.variant === 'warning') channels.set(i, CaseChannel.ONLINE_CHAT);
    if (s.variant === 'breached') channels.set(i, CaseChannel.PHONE);
  });

  return SLOTS.map((slot, i) => {
    const r = rng.derive(`case-${i}`);
    const type = types.get(i)!;
    const category = categories.get(i) ?? null;
    const channel = channels.get(i)!;
    const anonymous = slot.variant !== 'warning' && r.chance(0.2);
    const customer = anonymous ? null : r.chance(0.05) && vip.length ? r.pick(vip) : r.pick(customers);
    const orgUnitId = customer?.org_unit_id ?? (channel === CaseChannel.IN_STORE ? r.pick(stores).id : franchise.id);
    const store = stores.find((s) => s.id === orgUnitId)?.name ?? r.pick(stores).name;
    const d = details(r, store);
    const owner = r.pick(agents);
    const id = stableUuid(`case:${input.key}:${i}`);

    let subject: string;
    let description: string;
    let tags: string[];
    let refs: string[];
    let photo = false;
    let steps: Step[];
    if (slot.workflow === 'complaint') {
      const text = r.pick((type === CaseType.AFTER_SALES ? AFTER_SALES : COMPLAINTS)[category!]!);
      ({ tags, refs } = text);
      subject = text.subject(d);
      description = text.description(d);
      photo = !!text.photo && r.chance(0.7);
      steps = complaintPlan(r, slot, channel, text, d);
    } else {
      const text = r.pick(CONSULTATIONS[type as keyof typeof CONSULTATIONS]);
      ({ tags, refs } = text);
      subject = text.subject(d);
      description = text.description(d);
      steps = consultationPlan(r, slot, channel, type, text);
    }
    const attachments = photo
      ? [{ url: `https://files.pharmadesk.demo/cases/${id}/photo-1.jpg`, contentType: 'image/jpeg', size: r.int(180_000, 2_400_000), name: '问题照片.jpg' }]
      : [];

    // When it started: open cases a little before now (in working time), the others over the last 60 days.
    const open = OPEN_STATES.has(slot.state);
    let age = 0;
    if (slot.variant === 'warning') age = 27;
    else if (slot.variant === 'breached') age = 180;
    else if (slot.state === 'NEW') {
      // Waiting in the queue: mostly well inside the first-response target, some past its warning.
      const target = channel === CaseChannel.PHONE ? 15 : 30;
      age = r.chance(0.75) ? r.int(1, Math.floor(target * 0.6)) : r.int(Math.ceil(target * 0.8), target - 1);
    }
    else if (PENDING_STATES.has(slot.state)) age = r.int(60, 2000);
    else if (open) age = r.pickWeighted([[r.int(40, 600), 70], [r.int(600, 1000), 20], [r.int(1100, 3000), 10]] as const);
    const daysBack = slot.state === 'RESOLVED' ? r.int(1, 6) : r.int(3, 58);
    const localHour = r.pickWeighted([[8, 2], [9, 5], [10, 6], [11, 5], [12, 2], [13, 4], [14, 6], [15, 6], [16, 5], [17, 4], [18, 2], [19, 3], [20, 3], [21, 2], [22, 1]] as const);
    const localMinute = r.int(0, 59);
    const createdById = channel === CaseChannel.PHONE || channel === CaseChannel.EMAIL || channel === CaseChannel.IN_STORE ? owner : null;

    let createdAt: Date;
    let times: Date[];
    if (open) {
      createdAt = businessMinutesBefore(cal, now, age);
      // The steps fit in the case's age (working time), the last one a little before now.
      const nominal = steps.reduce((sum, s) => sum + ('bm' in s.gap ? s.gap.bm : s.gap.wm), 0);
      const scale = nominal > age * 0.9 ? (age * 0.9) / nominal : 1;
      times = stepTimes(cal, createdAt, steps, scale, true);
    } else {
      const midnight = Math.floor((now.getTime() + SHANGHAI_OFFSET) / DAY) * DAY - SHANGHAI_OFFSET;
      let back = daysBack;
      for (;;) {
        createdAt = new Date(midnight - back * DAY + (localHour * 60 + localMinute) * MINUTE);
        times = stepTimes(cal, createdAt, steps, 1, false);
        if ((times[times.length - 1] ?? createdAt).getTime() < now.getTime() - 5 * MINUTE) break;
        back += 2;
      }
    }
    if (times.some((t) => t.getTime() > now.getTime())) throw new Error(`demo case ${i} (${slot.workflow} ${slot.state}) would end after now`);

    return {
      slot,
      creator: createdById ?? owner,
      owner,
      createdAt,
      steps,
      times,
      input: {
        type,
        channel,
        customerId: customer?.id ?? null,
        orgUnitId,
        orderRef: refs.includes('order') ? d.order : null,
        productRef: refs.includes('device') ? d.device.name : refs.includes('product') ? d.product.name : null,
        batchRef: refs.includes('batch') ? d.batch : null,
        category,
        priority: priorities.get(i)!,
        subject,
        description,
        attachments,
        tags,
      },
    };
  });
}

// ------------------------------------------------------------------ the seeder

async function loadOrganization(em: EntityManager, shared: Map<string, unknown>): Promise<DemoOrganization> {
  const known = shared.get(DEMO_ORGANIZATION) as DemoOrganization | undefined;
  if (known) return known;
  // Seeded on an earlier run (this seeder is new to the database): read it back.
  const hq = await em.findOneOrFail(OrgUnit, { kind: OrgUnitKind.HQ, code: 'HQ' });
  const franchises = await em.find(OrgUnit, { kind: OrgUnitKind.FRANCHISE, code: { $in: ['EAST', 'WEST'] } }, { orderBy: { code: 'asc' } });
  return {
    hq,
    franchises: await Promise.all(
      franchises.map(async (franchise) => ({
        key: franchise.code!.toLowerCase() as 'east' | 'west',
        franchise,
        stores: await em.find(OrgUnit, { franchiseId: franchise.id, kind: OrgUnitKind.STORE }, { orderBy: { code: 'asc' } }),
        staff: await em.find(StaffUser, { franchiseId: franchise.id }, { orderBy: { email: 'asc' } }),
      })),
    ),
  };
}

/** Cross-department feedback of each franchise: raised while a case of its category was being worked, then answered and resolved. */
const FEEDBACK = [
  {
    status: 'OPEN',
    by: 'supervisor',
    category: CaseCategory.DELIVERY_LATE,
    hoursAgo: 2,
    title: '晚高峰同城配送多次超时',
    description: '近两天晚高峰（18:00–21:00）同城配送订单多次超过承诺的 2 小时送达时限，客户投诉集中。请排查骑手运力和门店出库安排，并给出改进时间。',
  },
  {
    status: 'ANSWERED',
    by: 'agent',
    category: CaseCategory.OTHER,
    workingMinutesAgo: 900,
    title: '收银未关联会员卡，积分漏记',
    description: '本周已有多位会员反映门店消费后积分未到账，核查为收银时未关联会员卡。请门店规范收银操作并补录积分。',
    answer: '已安排收银员培训，收银系统增加"未关联会员卡"提醒；漏记积分由门店本周内统一补录。',
  },
  {
    status: 'RESOLVED',
    by: 'supervisor',
    category: CaseCategory.DRUG_WRONG_ITEM,
    workingMinutesAgo: 3600,
    title: '拣货复核漏检导致发错药',
    description: '近期出现多起发错药投诉，均为相邻货位药品误拣，复核环节未发现。请门店加强拣货复核。',
    answer: '已增加扫码复核环节，并对拣货员进行专项培训；相邻货位的相似包装药品已调整陈列。',
  },
] as const;

/** One thing someone did at an instant; the replay runs them in time order. */
interface Event {
  at: Date;
  run(): Promise<unknown>;
}

/** Cases with their histories, SLA setup, queues, presence and feedback for each demo franchise, through the services. */
export const casesSeeder: Seeder = {
  name: 'cases',
  async run({ em, rng, shared, logger }) {
    const organization = await loadOrganization(em, shared);
    const now = clock.now();
    const replay = new ServiceReplay(em, logger);
    const events: Event[] = [];
    const finally_: Event[] = [];
    const setupAt = new Date(now.getTime() - 70 * DAY);

    for (const { key, franchise, stores, staff } of organization.franchises) {
      const r = rng.derive(key);
      const person = (local: string) => {
        const found = staff.find((s) => s.email === `${local}@${key}.demo`);
        if (!found) throw new Error(`demo staff ${local}@${key}.demo is missing`);
        return found.id;
      };
      const [owner, agent, agent2, supervisor, pharmacist] = ['owner', 'agent', 'agent2', 'supervisor', 'pharmacist'].map(person) as [string, string, string, string, string];

      // The franchise's calendar and default SLA policy, set up by its owner before the story starts.
      const calendar = await replay.as(owner, setupAt, (ctx) => createCalendar(ctx, DEMO_BUSINESS_CALENDAR));
      await replay.as(owner, setupAt, (ctx) =>
        createPolicy(ctx, { name: '默认 SLA（首响 15/30 分钟，投诉 2 个工作日核实）', isDefault: true, queue: null, calendarId: calendar.id, targets: BUILT_IN_SLA_TARGETS.map((t) => ({ ...t })), warningThreshold: 0.8, autoEscalateOnBreach: true }),
      );
      const cal = calendarSpec(calendar);

      const customers = await em.execute<{ id: string; org_unit_id: string; tags: string[] }[]>(`select id, org_unit_id, tags from customer where franchise_id = ? order by record_no`, [franchise.id]);
      const built = buildCases(r.derive('cases'), { key, franchise, stores, agents: [agent, agent2], supervisor, expert: pharmacist, customers, calendar: cal, now });

      const ids = new Map<Built, { value: string }>();
      for (const b of built) {
        const id = { value: '' };
        ids.set(b, id);
        const actor = (by?: Actor) => (by === 'expert' ? pharmacist : by === 'supervisor' ? supervisor : b.owner);
        events.push({ at: b.createdAt, run: () => replay.as(b.creator, b.createdAt, async (ctx) => (id.value = (await createCase(ctx, b.input)).id)) });
        b.steps.forEach((step, j) => {
          const at = b.times[j]!;
          const as = <T,>(who: string, work: (ctx: RequestContext) => Promise<T>) => replay.as(who, at, work);
          events.push({
            at,
            run: () => {
              switch (step.op) {
                case 'transition':
                  return as(actor(step.by), (ctx) => transitionCase(ctx, { id: id.value, action: step.action, input: step.input }));
                case 'message':
                  // A customer's message is entered by the case's owner; one answering a question brings the case back to work.
                  return as(actor(step.by), (ctx) => addCaseMessage(ctx, { caseId: id.value, kind: step.kind, body: step.body }));
                case 'claim':
                  return as(b.owner, (ctx) => claimCase(ctx, id.value));
                case 'assign':
                  return as(supervisor, (ctx) => assignCase(ctx, id.value, b.owner));
                case 'refer':
                  return as(b.owner, (ctx) => referCaseToExpert(ctx, { id: id.value, expertId: pharmacist, question: step.question }));
                case 'escalate':
                  // An SLA breach may have escalated it that far already: then one level further, as a person would.
                  return as(b.owner, (ctx) => escalateCase(ctx, { id: id.value, reason: step.reason, level: step.level })).catch((error: unknown) =>
                    error instanceof AppError && error.extensions.code === 'BAD_USER_INPUT' ? as(b.owner, (ctx) => escalateCase(ctx, { id: id.value, reason: step.reason })).catch(() => undefined) : Promise.reject(error),
                  );
              }
            },
          });
        });
      }

      // Feedback to a department other than the service center (or a store), raised from a case of its category.
      const departments = (await em.find(OrgUnit, { franchiseId: franchise.id, kind: OrgUnitKind.DEPARTMENT }, { orderBy: { code: 'asc' } })).filter((u) => u.code !== `${franchise.code}-CS`);
      FEEDBACK.forEach((f, i) => {
        const department = departments[i % Math.max(departments.length, 1)] ?? stores[i % stores.length]!;
        const raisedAt = 'hoursAgo' in f ? new Date(now.getTime() - f.hoursAgo * 3_600_000) : businessMinutesBefore(cal, now, f.workingMinutesAgo);
        const source = built.filter((b) => b.slot.workflow === 'complaint' && b.input.category === f.category && b.times[0] && b.times[0] < raisedAt).pop();
        const answeredAt = addBusinessMinutes(cal, raisedAt, r.int(60, 400));
        const resolvedAt = addBusinessMinutes(cal, answeredAt, r.int(600, 1300));
        const item = { id: '' };
        events.push({
          at: raisedAt,
          run: () => replay.as(person(f.by), raisedAt, async (ctx) => (item.id = (await raiseFeedback(ctx, { caseId: source ? ids.get(source)!.value : null, departmentId: department.id, title: f.title, description: f.description })).id)),
        });
        if (f.status === 'OPEN') return;
        events.push({ at: answeredAt, run: () => replay.as(owner, answeredAt, (ctx) => answerFeedback(ctx, { id: item.id, answer: f.answer, promisedBy: addBusinessMinutes(cal, f.status === 'ANSWERED' ? now : answeredAt, 3 * 480) })) });
        if (f.status === 'RESOLVED') events.push({ at: resolvedAt, run: () => replay.as(person(f.by), resolvedAt, (ctx) => resolveFeedback(ctx, { id: item.id })) });
      });

      // Who is on duty now, and the queues the team works from.
      for (const [who, availability, minutesAgo] of [[agent, AgentAvailability.ONLINE, 95], [agent2, AgentAvailability.AWAY, 12], [supervisor, AgentAvailability.ONLINE, 180]] as const) {
        const at = new Date(now.getTime() - minutesAgo * MINUTE);
        finally_.push({ at, run: () => replay.as(who, at, (ctx) => setAvailability(ctx, { availability })) });
      }
      const view = (name: string, shared: boolean, filter: Record<string, unknown>, sorting: { field: string; direction: string }[], columns: string[]) =>
        finally_.push({ at: setupAt, run: () => replay.as(supervisor, setupAt, (ctx) => createCaseView(ctx, { name, shared, filter, sorting, columns })) });
      view(DEMO_QUEUE_VIEW, true, { stage: { eq: CaseStage.NEW } }, [{ field: 'slaDueAt', direction: 'ASC' }], ['caseNo', 'priority', 'type', 'channel', 'subject', 'customerId', 'isVip', 'slaStatus', 'slaDueAt', 'createdAt']);
      view(DEMO_ESCALATED_VIEW, true, { escalationLevel: { neq: EscalationLevel.AGENT } }, [{ field: 'priorityRank', direction: 'ASC' }, { field: 'slaDueAt', direction: 'ASC' }], ['caseNo', 'escalationLevel', 'state', 'subject', 'ownerId', 'slaStatus', 'slaDueAt', 'lastActivityAt']);
      view('我关注的超时预警', false, { slaStatus: { in: [SlaStatus.WARNING, SlaStatus.BREACHED] } }, [{ field: 'slaDueAt', direction: 'ASC' }], ['caseNo', 'state', 'subject', 'ownerId', 'escalationLevel', 'slaStatus', 'slaDueAt']);
    }

    // The SLA job, as pg-boss runs it every minute: at each minute a clock warns or falls due, up to `until`.
    // Asking the database for that minute before every step cost a statement per step; instead the
    // clocks each step loaded, started or moved (all through the ORM) lower a bound on it, and the
    // database is asked only once the replay reaches that bound.
    let dueFrom = -Infinity; // no running clock warns or falls due before this instant
    replay.afterEachCall((em) => {
      for (const entity of em.getUnitOfWork().getIdentityMap()) {
        if (!(entity instanceof CaseSlaClock) || entity.metAt || entity.pausedAt) continue;
        if (!entity.warnedAt) dueFrom = Math.min(dueFrom, entity.warnAt.getTime());
        if (!entity.breachedAt) dueFrom = Math.min(dueFrom, entity.dueAt.getTime());
      }
    });
    let lastRun = 0;
    const sla = { runs: 0, ms: 0, asked: 0 };
    const slaJobUntil = async (until: Date, inclusive = false) => {
      const t0 = Date.now();
      try {
        await slaJobRuns(until, inclusive);
      } finally {
        sla.ms += Date.now() - t0;
      }
    };
    const beyond = (at: number, until: Date, inclusive: boolean) => at > until.getTime() || (!inclusive && at === until.getTime());
    const slaJobRuns = async (until: Date, inclusive: boolean) => {
      for (;;) {
        if (beyond(Math.ceil(dueFrom / MINUTE) * MINUTE, until, inclusive)) return;
        sla.asked++;
        const [row] = await em.execute<{ next: Date | null }[]>(
          `select min(least(case when warned_at is null then warn_at end, case when breached_at is null then due_at end)) as next from case_sla_clock where met_at is null and paused_at is null`,
        );
        dueFrom = row?.next ? new Date(row.next).getTime() : Infinity;
        if (!row?.next) return;
        const at = Math.ceil(new Date(row.next).getTime() / MINUTE) * MINUTE;
        if (beyond(at, until, inclusive)) return;
        if (at === lastRun) throw new Error(`the SLA job left a clock due at ${new Date(at).toISOString()} unhandled`);
        lastRun = at;
        sla.runs++;
        await replay.as(null, new Date(at), (ctx) => checkSlaClocks(ctx, new Date(at)));
        dueFrom = -Infinity; // the job moved clocks: ask again
      }
    };

    const started = Date.now();
    const ordered = events.map((e, i) => ({ e, i })).sort((a, b) => a.e.at.getTime() - b.e.at.getTime() || a.i - b.i);
    for (const { e } of ordered) {
      await slaJobUntil(e.at);
      await e.run();
    }
    await slaJobUntil(now, true);
    for (const e of finally_) await e.run();
    logger.info({ events: events.length, ms: Date.now() - started, slaJobRuns: sla.runs, slaJobMs: sla.ms, slaDueAsked: sla.asked }, 'demo history replayed through the services');
  },
};
