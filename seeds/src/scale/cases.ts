import type { Client } from 'pg';

/**
 * Bulk cases for benchmarks: `count` cases of one franchise written by set-based SQL
 * (`insert … select … from generate_series`), so 1,000,000 cases take a few minutes on
 * two cores rather than hours through the ORM. Deterministic for a given seed (ids and
 * every value are hashes of the row number), additive (nothing is dropped or recreated;
 * give another seed to add more to a franchise that already has generated cases).
 *
 * Shape, as a franchise two years into using PharmaDesk would look:
 * - created over `years` years (more recent years busier); ~`openShare` (3 %) still open:
 *   NEW (up to an hour old, most unowned), OPEN (an hour to six days), PENDING_CUSTOMER;
 *   the rest RESOLVED (5 %) or CLOSED (3 % of those cancelled, some without an owner);
 * - types, channels, priorities, complaint categories with plausible weights; the
 *   complaint workflow for complaints and after-sales, the consultation one otherwise,
 *   in a state of that workflow matching the stage;
 * - customers drawn from the franchise's existing customers (8 % anonymous callers), the
 *   case placed at the customer's store (anonymous: a store of the franchise), VIP flag
 *   from the customer's tags; owners from the franchise's agents (`ownerIds` to choose),
 *   medication consultations referred to its pharmacists and doctors;
 * - SLA clocks for every open case (FIRST_RESPONSE, RESOLUTION, and VERIFICATION for
 *   complaints) with the case's slaDueAt / slaStatus summarised from them as the API does
 *   (running clocks only: a case waiting on the customer has its clocks paused, so no
 *   slaDueAt); warned and breached clocks already marked as the SLA job would have, and
 *   cases with a breached running clock escalated at least to SUPERVISOR. Due times use
 *   the built-in targets on the wall clock (15/30 min first response, verification
 *   3 days, resolution 3 or 7 days) rather than the business calendar;
 * - case numbers `<CODE>-CS-<year>-<nnnnnn>` in creation order per (UTC) year, continuing
 *   the franchise's `numbering_sequence`, which is moved past them so cases the API opens
 *   afterwards get the next numbers.
 *
 * Runs in one transaction on `client` (a superuser or the owner: row-level security is
 * opened with app.franchise_ids = '*'), then analyzes the two tables. Messages and
 * activities are not generated.
 */
export interface ScaleCasesInput {
  franchiseId: string;
  count: number;
  seed?: number;
  /** The "now" of the data set (default: the database's now()). */
  now?: Date;
  /** Share of open cases (default 0.03). */
  openShare?: number;
  /** Years of history (default 2). */
  years?: number;
  /** Owners to draw from (default: the franchise's active agents, else its staff who may work cases). */
  ownerIds?: string[];
}

export interface ScaleCasesResult {
  cases: number;
  open: number;
  clocks: number;
  ms: number;
}

/** Uniform [0, 1) from the row number and a stream number: the same for the same seed. */
const rand = (seed: number, stream: number, column = 'i') => `((hashint8extended(${column}::bigint, ${seed * 64 + stream}) & 2147483647)::float8 / 2147483648.0)`;

/** Due time of an SLA clock (built-in targets, wall clock), from case columns. */
function dueAt(kind: 'FIRST_RESPONSE' | 'VERIFICATION' | 'RESOLUTION', c: { created: string; channel: string; workflow: string }): string {
  switch (kind) {
    case 'FIRST_RESPONSE':
      return `(${c.created} + make_interval(mins => case ${c.channel} when 'PHONE' then 15 else 30 end))`;
    case 'VERIFICATION':
      return `(${c.created} + interval '3 days')`;
    case 'RESOLUTION':
      return `(${c.created} + case ${c.workflow} when 'complaint' then interval '7 days' else interval '3 days' end)`;
  }
}

/** Whether a clock of an open case is running (neither met nor paused). */
function running(kind: 'FIRST_RESPONSE' | 'VERIFICATION' | 'RESOLUTION', c: { stage: string; state: string; workflow: string }): string {
  switch (kind) {
    case 'FIRST_RESPONSE':
      return `(${c.stage} = 'NEW')`;
    case 'VERIFICATION':
      return `(${c.workflow} = 'complaint' and ${c.stage} in ('NEW', 'OPEN') and ${c.state} in ('NEW', 'ACCEPTED', 'INVESTIGATING'))`;
    case 'RESOLUTION':
      return `(${c.stage} in ('NEW', 'OPEN'))`;
  }
}

/** Share of the warning threshold of the built-in policy. */
const WARNING_THRESHOLD = 0.8;

/** The open/stage/created_at of row `i`: shared by the case insert and the numbering update. */
function timelineSql(seed: number, openShare: number, spanSeconds: number): string {
  const r = (k: number) => rand(seed, k);
  return `
    s0 as (
      select g.i, ${r(1)} < ${openShare} as open, ${r(2)} as r_stage, ${r(3)} as r_age
      from generate_series(1, $2::int) g(i)
    ),
    s1 as (
      select i, open,
        case when open then case when r_stage < 0.35 then 'NEW' when r_stage < 0.8 then 'OPEN' else 'PENDING_CUSTOMER' end
             else case when r_stage < 0.05 then 'RESOLVED' else 'CLOSED' end end as stage,
        $3::timestamptz - make_interval(secs => case
          when open and r_stage < 0.35 then r_age * r_age * 3600
          when open and r_stage < 0.8 then 3600 + r_age * r_age * 432000
          when open then 7200 + r_age * 604800
          -- closed: at least a day old, the later year twice as busy as the first
          else 86400 + (${spanSeconds} - 86400) * 2 * (1 - sqrt(0.25 + 0.75 * r_age)) end) as created_at
      from s0
      offset 0 -- a fence: each value computed once, not once per reference
    ),
    s2 as (
      select s1.*, date_part('year', created_at at time zone 'UTC')::int as yr
      from s1
    )`;
}

const SUBJECTS: Record<string, [string, string][]> = {
  CONSULTATION: [
    ['会员积分如何兑换', '客户询问会员积分的兑换规则和可兑换的商品。'],
    ['门店营业时间咨询', '客户询问节假日期间门店的营业时间。'],
    ['慢病随访预约', '客户希望预约健康管理师进行慢病随访。'],
    ['健康检测项目咨询', '客户咨询门店可做的健康检测项目和费用。'],
    ['医保卡使用咨询', '客户询问在门店使用医保卡购药的范围。'],
  ],
  MEDICATION_CONSULTATION: [
    ['降压药漏服怎么办', '客户早上忘记服用降压药，询问是否需要补服。'],
    ['二甲双胍饭前还是饭后服用', '客户询问二甲双胍的正确服用时间。'],
    ['布洛芬与阿司匹林能否同服', '客户同时在服用阿司匹林，询问能否加服布洛芬。'],
    ['孕期能否服用感冒药', '客户怀孕 12 周，感冒后询问可用的药物。'],
    ['他汀类药物服用时间', '客户询问阿托伐他汀应早上还是晚上服用。'],
  ],
  SUGGESTION: [
    ['建议增加夜间配送', '客户建议增加晚上 8 点以后的配送时段。'],
    ['建议延长营业时间', '客户希望门店周末延长营业时间。'],
    ['希望增加线上问诊', '客户希望小程序内可以直接向药师提问。'],
  ],
  PRAISE: [
    ['感谢药师耐心讲解', '客户表扬药师详细讲解了用药注意事项。'],
    ['表扬店员热情服务', '客户表扬店员主动帮忙搬运药品。'],
  ],
  AFTER_SALES: [
    ['申请退货', '客户购买的保健品未拆封，申请退货。'],
    ['发票补开', '客户需要补开上月购药的发票。'],
    ['退款未到账', '客户反映退款已超过 7 天仍未到账。'],
  ],
  ORDER_INQUIRY: [
    ['订单物流查询', '客户询问线上订单的配送进度。'],
    ['订单修改地址', '客户希望修改未发货订单的收货地址。'],
    ['处方药订单审核进度', '客户询问处方药订单的审核进度。'],
  ],
  DELIVERY_DAMAGED: [['药品破损', '收到的药盒破损，药片受潮。']],
  DELIVERY_LATE: [['配送延迟', '承诺当日送达的订单次日仍未送到。']],
  DRUG_SPOILED: [['药品受潮变质', '购买的中药饮片有霉变现象。']],
  DRUG_WRONG_ITEM: [['发错药品', '订单中的降压药被发成了另一规格。']],
  SERVICE_ATTITUDE: [['店员态度差', '客户反映店员在咨询时态度冷淡。']],
  SERVICE_SLOW_REPLY: [['客服回复太慢', '客户在线咨询超过半小时无人回复。']],
  OTHER: [['其他投诉', '客户对会员活动规则有异议。']],
};

export async function generateScaleCases(client: Client, input: ScaleCasesInput): Promise<ScaleCasesResult> {
  const started = Date.now();
  const seed = input.seed ?? 1_000_000;
  const openShare = input.openShare ?? 0.03;
  const spanSeconds = Math.round((input.years ?? 2) * 365 * 86_400);
  const r = (k: number) => rand(seed, k);
  await client.query('begin');
  try {
    await client.query(`select set_config('app.franchise_ids', '*', true)`);
    const { rows: [franchise] } = await client.query<{ code: string | null; now: Date }>(
      `select code, coalesce($2::timestamptz, now()) as now from org_unit where id = $1 and kind = 'FRANCHISE'`,
      [input.franchiseId, input.now ?? null],
    );
    if (!franchise) throw new Error(`generateScaleCases: no franchise ${input.franchiseId}`);
    const now = franchise.now;
    const { rows: stores } = await client.query<{ id: string }>(
      `select id from org_unit where franchise_id = $1 and kind in ('STORE', 'BRANCH_CENTER') and status = 'ACTIVE' order by id`,
      [input.franchiseId],
    );
    const { rows: staff } = await client.query<{ id: string; job_title: string | null; works: boolean }>(
      `select s.id, s.job_title,
              exists (select 1 from role r where r.id::text = any (s.role_ids::text[]) and 'case:work' = any (r.permissions)) as works
       from staff_user s where s.franchise_id = $1 and s.status = 'ACTIVE' order by s.id`,
      [input.franchiseId],
    );
    const agents = staff.filter((s) => s.job_title === 'AGENT' && s.works);
    const owners = input.ownerIds ?? (agents.length ? agents : staff.filter((s) => s.works)).map((s) => s.id);
    const experts = staff.filter((s) => s.job_title === 'PHARMACIST' || s.job_title === 'DOCTOR').map((s) => s.id);
    const { rows: [counted] } = await client.query<{ n: number }>(`select count(*)::int as n from customer where franchise_id = $1`, [input.franchiseId]);
    const customers = counted!.n;
    // Case numbers continue the franchise's sequence; hold its rows until commit.
    await client.query(`select 1 from numbering_sequence where franchise_id = $1 and series = 'case' for update`, [input.franchiseId]);

    const c = { created: 'created_at', channel: 'channel', workflow: 'workflow', stage: 'stage', state: 'state' };
    const due = (kind: 'FIRST_RESPONSE' | 'VERIFICATION' | 'RESOLUTION') => `case when ${running(kind, c)} then ${dueAt(kind, c)} end`;
    const params = [input.franchiseId, input.count, now, owners, stores.map((s) => s.id), experts, JSON.stringify(SUBJECTS), franchise.code ?? 'C', customers, String(seed)];
    const inserted = await client.query(
      `with ${timelineSql(seed, openShare, spanSeconds)},
      seq as (select year, value from numbering_sequence where franchise_id = $1::uuid and series = 'case'),
      s3 as (
        select s2.*,
          row_number() over (partition by s2.yr order by s2.created_at, s2.i) + coalesce(seq.value, 0) as no,
          case when ${r(4)} < 0.30 then 'CONSULTATION' when ${r(4)} < 0.45 then 'MEDICATION_CONSULTATION' when ${r(4)} < 0.65 then 'COMPLAINT'
               when ${r(4)} < 0.70 then 'SUGGESTION' when ${r(4)} < 0.75 then 'PRAISE' when ${r(4)} < 0.85 then 'AFTER_SALES' else 'ORDER_INQUIRY' end as type,
          case when ${r(5)} < 0.30 then 'PHONE' when ${r(5)} < 0.55 then 'ONLINE_CHAT' when ${r(5)} < 0.75 then 'WECHAT' when ${r(5)} < 0.85 then 'APP'
               when ${r(5)} < 0.93 then 'IN_STORE' when ${r(5)} < 0.97 then 'EMAIL' else 'SMS' end as channel,
          case when ${r(6)} < 0.15 then 'LOW' when ${r(6)} < 0.75 then 'NORMAL' when ${r(6)} < 0.95 then 'HIGH' else 'URGENT' end as priority,
          case when $9::int > 0 and ${r(7)} >= 0.08 then floor(${r(8)} * $9::int)::int end as customer_n,
          ($4::uuid[])[1 + floor(${r(9)} * cardinality($4::uuid[]))::int] as pick_owner,
          ($6::uuid[])[1 + floor(${r(9)} * cardinality($6::uuid[]))::int] as pick_expert,
          ($5::uuid[])[1 + floor(${r(10)} * cardinality($5::uuid[]))::int] as pick_store,
          ${r(11)} as r_owner, stage = 'CLOSED' and ${r(12)} < 0.03 as cancelled, ${r(13)} as r_esc, ${r(14)} as r_cat, ${r(15)} as r_subj,
          ${r(16)} as r_tag, ${r(17)} as r_state, ${r(18)} as r_fr, ${r(19)} as r_res, ${r(20)} as r_close, ${r(21)} as r_act, ${r(22)} as r_reopen,
          ${r(23)} as r_sol, ${r(24)} as r_amount, ${r(25)} as r_expert
        from s2 left join seq on seq.year = s2.yr
      ),
      cu as (
        select (row_number() over (order by id) - 1)::int as n, id, org_unit_id, coalesce('vip' = any (tags), false) as vip
        from customer where franchise_id = $1::uuid
      ),
      s4 as (
        select s3.*, cu.id as customer_id, coalesce(cu.org_unit_id, s3.pick_store, $1::uuid) as org_unit_id, coalesce(cu.vip, false) as is_vip,
          case when type in ('COMPLAINT', 'AFTER_SALES') then 'complaint' else 'consultation' end as workflow,
          case when type = 'COMPLAINT' then case when r_cat < 0.25 then 'DELIVERY_DAMAGED' when r_cat < 0.45 then 'DELIVERY_LATE' when r_cat < 0.55 then 'DRUG_SPOILED'
                                                  when r_cat < 0.65 then 'DRUG_WRONG_ITEM' when r_cat < 0.80 then 'SERVICE_ATTITUDE' when r_cat < 0.92 then 'SERVICE_SLOW_REPLY' else 'OTHER' end
               when type = 'AFTER_SALES' then case when r_cat < 0.3 then 'DELIVERY_DAMAGED' when r_cat < 0.5 then 'DRUG_WRONG_ITEM' else 'OTHER' end end as category
        from s3 left join cu on cu.n = s3.customer_n
      ),
      s5 as (
        select s4.*,
          case stage when 'NEW' then 'NEW' when 'RESOLVED' then 'RESOLVED' when 'CLOSED' then 'CLOSED'
            when 'OPEN' then case when workflow = 'complaint' then case when r_state < 0.4 then 'ACCEPTED' when r_state < 0.8 then 'INVESTIGATING' else 'SOLUTION_PROPOSED' end else 'ACCEPTED' end
            else case when workflow = 'complaint' then 'AWAITING_CONFIRMATION' when r_state < 0.5 then 'AWAITING_INFO' else 'ANSWERED' end end as state,
          case when stage = 'NEW' then case when r_owner < 0.3 then pick_owner end
               when cancelled then case when r_owner < 0.5 then pick_owner end
               else pick_owner end as owner_id
        from s4
      ),
      s6 as (
        select s5.*,
          case when owner_id is null or stage = 'NEW' then null
               else least(created_at + make_interval(secs => 60 + r_fr * (case channel when 'PHONE' then 15 else 30 end) * 72), $3::timestamptz) end as first_responded_at,
          case when stage in ('RESOLVED', 'CLOSED') and not cancelled then least(created_at + make_interval(secs => 3600 + r_res * r_res * 518400), $3::timestamptz) end as resolved_at,
          least(${due('FIRST_RESPONSE')}, ${due('VERIFICATION')}, ${due('RESOLUTION')}) as sla_due_at
        from s5
      ),
      s7 as (
        select s6.*,
          case when stage = 'CLOSED' then case when cancelled then least(created_at + make_interval(secs => 300 + r_close * 7200), $3::timestamptz)
                                               else least(resolved_at + make_interval(secs => 1800 + r_close * 259200), $3::timestamptz) end end as closed_at,
          case when sla_due_at is null then 'NONE' when sla_due_at <= $3::timestamptz then 'BREACHED'
               when created_at + (sla_due_at - created_at) * ${WARNING_THRESHOLD} <= $3::timestamptz then 'WARNING' else 'OK' end as sla_status,
          case when sla_due_at <= $3::timestamptz then greatest(1, case when r_esc < 0.93 then 0 when r_esc < 0.98 then 1 when r_esc < 0.995 then 2 else 3 end)
               else case when r_esc < 0.93 then 0 when r_esc < 0.98 then 1 when r_esc < 0.995 then 2 else 3 end end as escalation_rank,
          workflow = 'complaint' and (state in ('SOLUTION_PROPOSED', 'AWAITING_CONFIRMATION') or (stage in ('RESOLVED', 'CLOSED') and not cancelled)) as has_solution,
          case when r_sol < 0.30 then 'REPLACE' when r_sol < 0.55 then 'REFUND' when r_sol < 0.70 then 'COMPENSATION' when r_sol < 0.90 then 'APOLOGY' else 'COACHING' end as solution_type
        from s6
        offset 0
      ),
      s8 as (
        select s7.*,
          coalesce(closed_at, resolved_at,
                   case when stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER') then greatest(coalesce(first_responded_at, created_at), created_at + ($3::timestamptz - created_at) * r_act) end,
                   created_at) as last_activity_at,
          $7::jsonb -> (case when type = 'COMPLAINT' then category else type end) as subjects
        from s7
      )
      insert into service_case (
        id, franchise_id, version, created_at, updated_at, case_no, type, channel, workflow, state, stage, customer_id, org_unit_id,
        order_ref, product_ref, batch_ref, category, priority, subject, description, attachments, tags, queue, is_vip,
        owner_id, owned_since, expert_id, escalation_level, escalated_at, solution_type, solution_amount_value, solution_note,
        customer_satisfied, resolution_note, workflow_data, sla_policy_id, sla_status, sla_due_at, first_responded_at, resolved_at, closed_at,
        reopen_count, last_activity_at, created_by_id)
      select
        md5($10::text || ':' || $1::text || ':' || i)::uuid, $1::uuid,
        case stage when 'NEW' then 1 + (owner_id is not null)::int when 'OPEN' then 3 when 'PENDING_CUSTOMER' then 4 when 'RESOLVED' then 6 else 7 end,
        created_at, last_activity_at,
        $8::text || '-CS-' || yr || '-' || case when no < 1000000 then lpad(no::text, 6, '0') else no::text end,
        type, channel, workflow, state, stage, customer_id, org_unit_id,
        case when type in ('ORDER_INQUIRY', 'AFTER_SALES') or category in ('DELIVERY_DAMAGED', 'DELIVERY_LATE', 'DRUG_WRONG_ITEM')
             then 'SO' || to_char(created_at at time zone 'UTC', 'YYYYMMDD') || lpad((i % 100000)::text, 5, '0') end,
        case when type = 'MEDICATION_CONSULTATION' or category in ('DRUG_SPOILED', 'DRUG_WRONG_ITEM') then 'SKU-' || lpad((i % 5000)::text, 5, '0') end,
        case when category = 'DRUG_SPOILED' then 'B' || (100000 + i % 900000) end,
        category, priority,
        subjects -> floor(r_subj * jsonb_array_length(subjects))::int ->> 0,
        subjects -> floor(r_subj * jsonb_array_length(subjects))::int ->> 1,
        '[]'::jsonb,
        case when r_tag < 0.04 then '{follow_up}'::text[] when r_tag < 0.06 then '{repeat_contact}'::text[] else '{}'::text[] end,
        'general', is_vip,
        owner_id, case when owner_id is not null then coalesce(first_responded_at, created_at) end,
        case when type = 'MEDICATION_CONSULTATION' and stage <> 'NEW' and r_expert < 0.6 then pick_expert end,
        (array['AGENT', 'SUPERVISOR', 'DIRECTOR', 'HQ'])[escalation_rank + 1],
        case when escalation_rank = 0 then null
             when sla_due_at <= $3::timestamptz then least(sla_due_at + interval '30 seconds', $3::timestamptz)
             else created_at + (coalesce(resolved_at, closed_at, $3::timestamptz) - created_at) * 0.3 end,
        case when has_solution then solution_type end,
        case when has_solution and solution_type in ('REFUND', 'COMPENSATION') then round((20 + r_amount * 480)::numeric, 2) end,
        case when has_solution then case solution_type when 'REPLACE' then '为客户免费更换同批次合格药品' when 'REFUND' then '按原支付方式退款'
                                                      when 'COMPENSATION' then '赠送等值积分作为补偿' when 'APOLOGY' then '门店店长致电道歉' else '对相关店员进行服务培训' end end,
        case when stage in ('RESOLVED', 'CLOSED') and not cancelled then true end,
        case when stage in ('RESOLVED', 'CLOSED') and not cancelled then case workflow when 'complaint' then '已按方案处理，客户确认满意' else '已解答，客户表示理解' end end,
        null::jsonb, null::uuid, sla_status, sla_due_at, first_responded_at, resolved_at, closed_at,
        case when stage in ('RESOLVED', 'CLOSED') and not cancelled and r_reopen < 0.03 then 1 else 0 end,
        last_activity_at,
        case when channel in ('PHONE', 'IN_STORE', 'EMAIL') then coalesce(owner_id, pick_owner) end
      from s8`,
      params,
    );

    // One clock per target of every open case, as startCaseClocks and onStageChange leave them.
    const k = { created: 'c.created_at', channel: 'c.channel', workflow: 'c.workflow', stage: 'c.stage', state: 'c.state' };
    const met = `case kind.k
        when 'FIRST_RESPONSE' then case when c.stage <> 'NEW' then c.first_responded_at end
        when 'VERIFICATION' then case when c.state in ('SOLUTION_PROPOSED', 'AWAITING_CONFIRMATION') then c.first_responded_at + (c.last_activity_at - c.first_responded_at) * 0.5 end
      end`;
    const clocks = await client.query(
      `insert into case_sla_clock (id, franchise_id, case_id, kind, calendar_hours, started_at, due_at, warn_at, paused_at, met_at, warned_at, breached_at)
       select md5($2::text || ':' || $1::text || ':' || g.i || ':' || kind.k)::uuid, c.franchise_id, c.id, kind.k, true, c.created_at, t.due_at, t.warn_at, t.paused_at, t.met_at,
              case when t.warn_at <= coalesce(t.met_at, t.paused_at, $3::timestamptz) then least(t.warn_at + interval '30 seconds', coalesce(t.met_at, t.paused_at, $3::timestamptz)) end,
              case when t.due_at <= coalesce(t.met_at, t.paused_at, $3::timestamptz) then least(t.due_at + interval '30 seconds', coalesce(t.met_at, t.paused_at, $3::timestamptz)) end
       from generate_series(1, $4::int) g(i)
       join service_case c on c.id = md5($2::text || ':' || $1::text || ':' || g.i)::uuid and c.franchise_id = $1::uuid and c.stage in ('NEW', 'OPEN', 'PENDING_CUSTOMER')
       cross join (values ('FIRST_RESPONSE'), ('VERIFICATION'), ('RESOLUTION')) kind(k)
       cross join lateral (
         select d.due_at, c.created_at + (d.due_at - c.created_at) * ${WARNING_THRESHOLD} as warn_at, m.met_at,
                case when c.stage = 'PENDING_CUSTOMER' and m.met_at is null then c.last_activity_at end as paused_at
         from (select case kind.k when 'FIRST_RESPONSE' then ${dueAt('FIRST_RESPONSE', k)} when 'VERIFICATION' then ${dueAt('VERIFICATION', k)} else ${dueAt('RESOLUTION', k)} end as due_at) d,
              (select ${met} as met_at) m
       ) t
       where ${rand(seed, 1, 'g.i')} < ${openShare} and (kind.k <> 'VERIFICATION' or c.workflow = 'complaint')`,
      [input.franchiseId, String(seed), now, input.count],
    );

    // Move the franchise's case numbering past the generated numbers.
    await client.query(
      `with ${timelineSql(seed, openShare, spanSeconds)}
       insert into numbering_sequence (franchise_id, series, year, value)
       select $1::uuid, 'case', yr, count(*) from s2 group by yr
       on conflict (franchise_id, series, year) do update set value = numbering_sequence.value + excluded.value`,
      [input.franchiseId, input.count, now],
    );
    await client.query('commit');
    await client.query('analyze service_case');
    await client.query('analyze case_sla_clock');
    const openCases = await countOpen(client, seed, openShare, input.count);
    return { cases: inserted.rowCount ?? 0, open: openCases, clocks: clocks.rowCount ?? 0, ms: Date.now() - started };
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  }
}

/** How many of the generated cases are open (the same hash as the generator's). */
async function countOpen(client: Client, seed: number, openShare: number, count: number): Promise<number> {
  const { rows: [row] } = await client.query<{ n: number }>(`select count(*)::int as n from generate_series(1, $1::int) g(i) where ${rand(seed, 1, 'g.i')} < ${openShare}`, [count]);
  return row!.n;
}
