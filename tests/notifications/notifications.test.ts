import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { clock } from '@pharmadesk/api';
import { startTestApp, takeFromSubscription, type TestApp } from '../support/app';
import { errorCodes, signIn, type Caller } from '../support/actors';
import { API_MAIN, spawnEntry, waitForListening } from '../support/process';
import { createTestDatabase } from '../support/database';

/**
 * Notifications as people meet them: templates checked when saved, messages that go out
 * through the configured provider (the log by default, an SMS gateway over HTTP, SMTP),
 * retries, quiet hours, opt-outs and consent, the message log, the customer's timeline,
 * and the staff bell counting live.
 */

interface Message {
  id: string;
  status: string;
  channel: string;
  kind: string;
  body: string;
  subject: string | null;
  provider: string | null;
  attempts: number;
  lastError: string | null;
  suppressionReason: string | null;
  statusNote: string | null;
  scheduledFor: string;
  recipientAddress: string | null;
  customerId: string | null;
}
const MESSAGE = 'id status channel kind body subject provider attempts lastError suppressionReason statusNote scheduledFor recipientAddress customerId';

async function must<T>(caller: Caller, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await caller.graphql<T>(query, variables);
  if (res.body.errors || !res.body.data) throw new Error(`${caller.label}: ${JSON.stringify(res.body.errors)}`);
  return res.body.data;
}

async function messageById(caller: Caller, id: string): Promise<Message> {
  const data = await must<{ notificationMessages: { nodes: Message[] } }>(caller, `query($id: ID!) { notificationMessages(filter: { id: { eq: $id } }) { nodes { ${MESSAGE} } } }`, { id });
  return data.notificationMessages.nodes[0]!;
}

/** Polls the message log until the message leaves QUEUED (or `until` says so). */
async function settled(caller: Caller, id: string, until: (m: Message) => boolean = (m) => m.status !== 'QUEUED', timeoutMs = 25_000): Promise<Message> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await messageById(caller, id);
    if (until(message) || Date.now() > deadline) return message;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A customer of east with the given consents (and SMS not opted out). */
async function customerWith(owner: Caller, consents: { consentSms: boolean; consentWechat: boolean }, skip = 0): Promise<{ id: string; name: string }> {
  const { customers } = await must<{ customers: { nodes: { id: string; version: number; name: string }[] } }>(owner, `query($o: Int!) { customers(paging: { limit: 1, offset: $o }, sorting: [{ field: recordNo, direction: ASC }]) { nodes { id version name } } }`, { o: skip });
  const c = customers.nodes[0]!;
  await must(owner, `mutation($id: ID!, $v: Int!, $u: CustomerUpdate!) { updateOneCustomer(input: { id: $id, version: $v, update: $u }) { id } }`, { id: c.id, v: c.version, u: { ...consents, email: `c${skip}@example.com` } });
  return c;
}

/** No quiet hours for east, so a message goes at once whatever the hour of the test. */
async function noQuietHours(owner: Caller) {
  await must(owner, 'mutation { updateNotificationSettings(input: { quietHoursStart: null, quietHoursEnd: null }) { franchiseId } }');
}

describe('notification templates', () => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = await startTestApp();
    owner = await signIn(app, 'owner@east.demo');
  });
  afterAll(() => app.stop());

  it('lists the kinds with their placeholders and built-in wording', async () => {
    const { notificationKinds } = await must<{ notificationKinds: { key: string; channels: string[]; placeholders: { name: string }[]; defaults: { language: string }[] }[] }>(owner, '{ notificationKinds { key channels placeholders { name } defaults { language } } }');
    const resolved = notificationKinds.find((k) => k.key === 'case.resolved')!;
    expect(resolved.channels).toEqual(['WECHAT', 'SMS', 'EMAIL']);
    expect(resolved.placeholders.map((p) => p.name)).toEqual(expect.arrayContaining(['customerName', 'caseNo', 'resolutionNote']));
    expect(resolved.defaults.map((d) => d.language)).toEqual(['zh-CN', 'en']);
  });

  it('refuses a template with an unknown placeholder at save, naming it, and saves nothing', async () => {
    const res = await owner.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: SMS, body: "{{customerName}}您好，您的订单 {{orderNo}} 已处理" } }) { id } }`);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    const error = res.body.errors![0]!;
    expect(error.extensions).toMatchObject({ field: 'template.body', placeholder: 'orderNo' });
    expect(error.message).toContain('unknown placeholder {{orderNo}}');
    expect(error.message).toContain('{{caseNo}}');
    const { notificationTemplates } = await must<{ notificationTemplates: { totalCount: number } }>(owner, '{ notificationTemplates { totalCount } }');
    expect(notificationTemplates.totalCount).toBe(0);
  });

  it('checks the subject too, the channel against the kind, and an email’s subject', async () => {
    const subject = await owner.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: EMAIL, subject: "工单 {{ticket}}", body: "您好" } }) { id } }`);
    expect(subject.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'template.subject', placeholder: 'ticket' });
    const channel = await owner.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: IN_APP, body: "您好" } }) { id } }`);
    expect(channel.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'template.channel' });
    const noSubject = await owner.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: EMAIL, body: "您好" } }) { id } }`);
    expect(noSubject.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'template.subject' });
  });

  it('saves a good template once per kind, channel and language; edits are version-checked and re-checked', async () => {
    const made = await must<{ createOneNotificationTemplate: { id: string; version: number } }>(owner, `mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: SMS, body: "【东区】{{customerName}}，工单{{caseNo}}已办结：{{resolutionNote}}" } }) { id version } }`);
    const again = await owner.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: SMS, body: "x" } }) { id } }`);
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    const { id, version } = made.createOneNotificationTemplate;
    const bad = await owner.graphql(`mutation($id: ID!, $v: Int!) { updateOneNotificationTemplate(input: { id: $id, version: $v, update: { body: "{{nope}}" } }) { id } }`, { id, v: version });
    expect(bad.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', placeholder: 'nope' });
    await must(owner, `mutation($id: ID!, $v: Int!) { updateOneNotificationTemplate(input: { id: $id, version: $v, update: { enabled: false } }) { id } }`, { id, v: version });
    const stale = await owner.graphql(`mutation($id: ID!, $v: Int!) { updateOneNotificationTemplate(input: { id: $id, version: $v, update: { enabled: true } }) { id } }`, { id, v: version });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('lets agents write to customers but not edit templates', async () => {
    const agent = await signIn(app, 'agent@east.demo');
    const res = await agent.graphql(`mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: SMS, body: "x" } }) { id } }`);
    expect(errorCodes(res)).toEqual(['FORBIDDEN']);
  });
});

describe('sending through the log provider (the default)', () => {
  let app: TestApp;
  let owner: Caller;
  beforeAll(async () => {
    app = await startTestApp({ JOBS_ENABLED: 'true' });
    owner = await signIn(app, 'owner@east.demo');
    await noQuietHours(owner);
  });
  afterAll(() => app.stop());

  it('records the message in the log and shows it on the customer’s timeline', async () => {
    const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 0);
    const { sendCustomerMessage: sent } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "您预约的血压复查在明天上午十点。" }) { ${MESSAGE} } }`, { c: customer.id });
    // WeChat is not agreed to, so the first channel the customer may get is SMS.
    expect(sent).toMatchObject({ channel: 'SMS', kind: 'customer.care', status: 'QUEUED' });
    expect(sent.body).toContain(`${customer.name}您好，您预约的血压复查在明天上午十点。`);
    expect(sent.recipientAddress).toMatch(/^\d{3}\*{4}\d{4}$/);
    const done = await settled(owner, sent.id);
    expect(done).toMatchObject({ status: 'SENT', provider: 'log', attempts: 1 });

    const timeline = await must<{ customerTimeline: { nodes: { kind: string; title: string; summary: string; refId: string }[] } }>(owner, `query($c: ID!) { customerTimeline(customerId: $c, kinds: ["message"]) { nodes { kind title summary refId } } }`, { c: customer.id });
    expect(timeline.customerTimeline.nodes[0]).toMatchObject({ kind: 'message', refId: sent.id, summary: sent.body });
    expect(timeline.customerTimeline.nodes[0]!.title).toContain('短信 · 已发送');
  });

  it('does not send to a customer who opted out, and says why (log and timeline)', async () => {
    const customer = await customerWith(owner, { consentSms: true, consentWechat: true }, 1);
    await must(owner, `mutation($c: ID!) { optOutCustomer(input: { customerId: $c, channel: SMS, reason: "客户回复 TD 退订" }) { id } }`, { c: customer.id });
    const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, channel: SMS, message: "秋季会员日活动通知" }) { ${MESSAGE} } }`, { c: customer.id });
    expect(m).toMatchObject({ status: 'SUPPRESSED', suppressionReason: 'OPTED_OUT', provider: null, attempts: 0 });
    expect(m.statusNote).toContain('客户回复 TD 退订');
    // Nothing is queued for it: a moment later it is still not sent.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await messageById(owner, m.id)).toMatchObject({ status: 'SUPPRESSED', attempts: 0 });
    const timeline = await must<{ customerTimeline: { nodes: { title: string; summary: string }[] } }>(owner, `query($c: ID!) { customerTimeline(customerId: $c, kinds: ["message"]) { nodes { title summary } } }`, { c: customer.id });
    expect(timeline.customerTimeline.nodes[0]!.title).toContain('未发送');
    expect(timeline.customerTimeline.nodes[0]!.summary).toContain('客户回复 TD 退订');

    // Without a channel named, the message takes one the customer still accepts (WeChat).
    const { sendCustomerMessage: other } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "您的处方药已到店" }) { ${MESSAGE} } }`, { c: customer.id });
    expect(other.channel).toBe('WECHAT');
    // Opting back in lets SMS through again.
    expect((await must<{ optInCustomer: number }>(owner, `mutation($c: ID!) { optInCustomer(input: { customerId: $c, channel: SMS }) }`, { c: customer.id })).optInCustomer).toBe(1);
  });

  it('an opt-out recorded after the message was decided still stops it at send time', async () => {
    const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 2);
    await must(owner, `mutation { updateNotificationSettings(input: { quietHoursStart: "00:00", quietHoursEnd: "23:59", timeZone: "Pacific/Kiritimati" }) { franchiseId } }`);
    const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, channel: SMS, message: "测试" }) { ${MESSAGE} } }`, { c: customer.id });
    await noQuietHours(owner);
    await must(owner, `mutation($c: ID!) { optOutCustomer(input: { customerId: $c, reason: "电话中要求不再联系" }) { id } }`, { c: customer.id });
    expect(m.status).toBe('SCHEDULED');
    // The sweep queues it as if the quiet hours were over; the delivery reaction re-checks the customer.
    await app.server.jobs!.runNow('notifications.sweep', { dueBy: new Date(clock.nowMs() + 2 * 86_400_000).toISOString() });
    expect(await settled(owner, m.id, (x) => x.status !== 'SCHEDULED' && x.status !== 'QUEUED')).toMatchObject({ status: 'SUPPRESSED', suppressionReason: 'OPTED_OUT', attempts: 0 });
  });

  it('holds a message during the franchise’s quiet hours and says until when', async () => {
    const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 3);
    // Quiet from an hour ago to an hour from now, in Shanghai time.
    const local = (offsetMinutes: number) => new Date(clock.nowMs() + 8 * 3_600_000 + offsetMinutes * 60_000).toISOString().slice(11, 16);
    await must(owner, `mutation($s: String!, $e: String!) { updateNotificationSettings(input: { quietHoursStart: $s, quietHoursEnd: $e, timeZone: "Asia/Shanghai" }) { franchiseId } }`, { s: local(-60), e: local(60) });
    const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "明早门店开门时间调整" }) { ${MESSAGE} } }`, { c: customer.id });
    expect(m.status).toBe('SCHEDULED');
    const wait = new Date(m.scheduledFor).getTime() - clock.nowMs();
    expect(wait).toBeGreaterThan(55 * 60_000);
    expect(wait).toBeLessThan(61 * 60_000);
    expect(m.statusNote).toContain('免打扰');
    await noQuietHours(owner);
  });

  it('refuses bad quiet hours with the field named', async () => {
    const res = await owner.graphql('mutation { updateNotificationSettings(input: { quietHoursStart: "25:00", quietHoursEnd: "08:00" }) { franchiseId } }');
    expect(res.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.quietHoursStart' });
    const zone = await owner.graphql('mutation { updateNotificationSettings(input: { quietHoursStart: "21:00", quietHoursEnd: "08:00", timeZone: "Mars/Base" }) { franchiseId } }');
    expect(zone.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timeZone' });
  });

  it('tells the customer when their case is resolved, in the franchise’s own wording', async () => {
    const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 4);
    await must(owner, `mutation { createOneNotificationTemplate(input: { template: { kind: "case.resolved", channel: SMS, body: "【东区药房】{{customerName}}，工单{{caseNo}}已办结：{{resolutionNote}}" } }) { id } }`);
    const agent = await signIn(app, 'agent@east.demo');
    const made = await must<{ createOneCase: { id: string; caseNo: string } }>(agent, `mutation($c: ID!) { createOneCase(input: { case: { type: CONSULTATION, channel: PHONE, subject: "血压药怎么吃", description: "想问早上还是晚上吃", customerId: $c } }) { id caseNo } }`, { c: customer.id });
    const id = made.createOneCase.id;
    await must(agent, 'mutation($id: ID!) { acceptCase(input: { id: $id }) { id } }', { id });
    await must(agent, 'mutation($id: ID!) { answerCase(input: { id: $id, answer: "建议早上服用" }) { id } }', { id });
    await must(agent, 'mutation($id: ID!) { resolveCase(input: { id: $id, resolutionNote: "已说明服药时间" }) { id } }', { id });
    const deadline = Date.now() + 15_000;
    let found: Message | undefined;
    while (!found && Date.now() < deadline) {
      const { notificationMessages } = await must<{ notificationMessages: { nodes: Message[] } }>(owner, `query($r: ID!) { notificationMessages(filter: { refId: { eq: $r } }) { nodes { ${MESSAGE} } } }`, { r: id });
      found = notificationMessages.nodes.find((n) => n.kind === 'case.resolved');
      if (!found) await new Promise((r) => setTimeout(r, 250));
    }
    expect(found!.body).toBe(`【东区药房】${customer.name}，工单${made.createOneCase.caseNo}已办结：已说明服药时间`);
    expect((await settled(owner, found!.id)).status).toBe('SENT');
  });
});

describe('providers chosen by configuration', () => {
  it('sends SMS through the HTTP gateway, retrying with backoff until it answers', async () => {
    const received: { body: Record<string, unknown>; authorization?: string }[] = [];
    const calls = new Map<string, number>(); // per message: the demo's care messages leave through it too
    const gateway = http.createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        const body = JSON.parse(data) as { messageId: string };
        calls.set(body.messageId, (calls.get(body.messageId) ?? 0) + 1);
        if (calls.get(body.messageId)! <= 2) {
          res.writeHead(503).end('gateway busy');
          return;
        }
        received.push({ body, authorization: req.headers.authorization });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: 'gw-42' }));
      });
    });
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
    const app = await startTestApp({ JOBS_ENABLED: 'true', EVENT_RETRY_DELAY_SECONDS: '1', NOTIFY_SMS_PROVIDER: 'http', SMS_HTTP_ENDPOINT: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`, SMS_HTTP_KEY: 'sms-key-1' });
    try {
      const owner = await signIn(app, 'owner@east.demo');
      await noQuietHours(owner);
      const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 5);
      const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, channel: SMS, message: "您的慢病药已到店，请来取。" }) { id } }`, { c: customer.id });
      const failedOnce = await settled(owner, m.id, (x) => x.attempts >= 1, 15_000);
      expect(failedOnce.lastError).toContain('503');
      const done = await settled(owner, m.id, (x) => x.status === 'SENT', 40_000);
      expect(done).toMatchObject({ status: 'SENT', provider: 'sms-http', attempts: 3, lastError: null });
      received.splice(0, received.length, ...received.filter((r) => r.body.messageId === m.id));
      expect(received).toHaveLength(1);
      expect(received[0]!.authorization).toBe('Bearer sms-key-1');
      expect(received[0]!.body).toMatchObject({ messageId: m.id, kind: 'customer.care' });
      expect(String(received[0]!.body.body)).toContain('您的慢病药已到店，请来取。');
    } finally {
      await app.stop();
      gateway.close();
    }
  }, 90_000);

  it('sends email through SMTP', async () => {
    const mails: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, _session, callback) {
        let raw = '';
        stream.on('data', (chunk: Buffer) => (raw += chunk.toString()));
        stream.on('end', () => {
          mails.push(raw);
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const port = (smtp.server.address() as AddressInfo).port;
    const app = await startTestApp({ JOBS_ENABLED: 'true', NOTIFY_EMAIL_PROVIDER: 'smtp', SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'East Pharmacy <care@east.example>' });
    try {
      const owner = await signIn(app, 'owner@east.demo');
      await noQuietHours(owner);
      const customer = await customerWith(owner, { consentSms: false, consentWechat: false }, 6);
      const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "Your prescription is ready." }) { ${MESSAGE} } }`, { c: customer.id });
      expect(m.channel).toBe('EMAIL');
      expect(m.recipientAddress).toBe('c***@example.com');
      expect(await settled(owner, m.id, (x) => x.status !== 'QUEUED', 20_000)).toMatchObject({ status: 'SENT', provider: 'smtp' });
      expect(mails).toHaveLength(1);
      expect(mails[0]).toContain('To: c6@example.com');
      expect(mails[0]).toContain('From: East Pharmacy <care@east.example>');
      expect(mails[0]!.toLowerCase()).toContain(`x-pharmadesk-message-id: ${m.id}`);
    } finally {
      await app.stop();
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 60_000);

  it('refuses to start with a provider and nowhere to send', async () => {
    await expect(startTestApp({ NOTIFY_SMS_PROVIDER: 'http' })).rejects.toThrow(/SMS_HTTP_ENDPOINT: is required when NOTIFY_SMS_PROVIDER=http/);
  });
});

/**
 * An SMS gateway over HTTP answering `status()` to every call. It records the message id of
 * each call: the demo's own care messages also leave through it when a test app starts.
 */
async function smsGateway(status: () => number) {
  const calls: { messageId: string; status: number }[] = [];
  const server = http.createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => {
      const answer = status();
      calls.push({ messageId: String((JSON.parse(data) as { messageId: string }).messageId), status: answer });
      if (answer >= 300) return void res.writeHead(answer).end(`gateway says ${answer}`);
      res.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${calls.length}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    env: { NOTIFY_SMS_PROVIDER: 'http', SMS_HTTP_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}/send` },
    /** The answers given for one message, in order. */
    answersFor: (messageId: string) => calls.filter((c) => c.messageId === messageId).map((c) => c.status),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('delivery as a reaction to the outbox', () => {
  it('a provider that keeps failing: retried with backoff, then FAILED with its reason and a dead letter for HQ; a retry after the fix sends it', async () => {
    let failing = true;
    const gateway = await smsGateway(() => (failing ? 500 : 200));
    const app = await startTestApp({ JOBS_ENABLED: 'true', EVENT_RETRY_LIMIT: '2', EVENT_RETRY_DELAY_SECONDS: '1', ...gateway.env });
    try {
      const owner = await signIn(app, 'owner@east.demo');
      const hq = await signIn(app, 'admin@hq.demo');
      await noQuietHours(owner);
      const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 7);
      const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, channel: SMS, message: "网关故障测试" }) { id } }`, { c: customer.id });
      const failed = await settled(owner, m.id, (x) => x.status === 'FAILED', 60_000);
      expect(failed).toMatchObject({ status: 'FAILED', provider: 'sms-http', attempts: 3, lastError: 'sms-http gateway answered 500: gateway says 500' });
      expect(gateway.answersFor(m.id)).toEqual([500, 500, 500]);
      const { eventReactions } = await must<{ eventReactions: { nodes: { id: string; eventType: string; handler: string; status: string; attempts: number; lastError: string; payload: { messageId: string } }[] } }>(hq, '{ eventReactions(paging: { limit: 50 }) { nodes { id eventType handler status attempts lastError payload } } }');
      const dead = eventReactions.nodes.find((n) => n.payload.messageId === m.id);
      expect(dead).toMatchObject({ eventType: 'notification.queued', handler: 'core/deliver the message', status: 'DEAD', attempts: 3, lastError: 'sms-http gateway answered 500: gateway says 500' });
      const timeline = await must<{ customerTimeline: { nodes: { title: string; refId: string }[] } }>(owner, `query($c: ID!) { customerTimeline(customerId: $c, kinds: ["message"]) { nodes { title refId } } }`, { c: customer.id });
      expect(timeline.customerTimeline.nodes.find((n) => n.refId === m.id)!.title).toContain('发送失败');

      // The gateway is fixed; the owner sends the message again.
      failing = false;
      await must(owner, 'mutation($id: ID!) { retryNotificationMessage(id: $id) { id } }', { id: m.id });
      expect(await settled(owner, m.id, (x) => x.status === 'SENT', 30_000)).toMatchObject({ status: 'SENT', attempts: 4, lastError: null });
      expect(gateway.answersFor(m.id)).toEqual([500, 500, 500, 200]);
      // The retry sent the dead reaction itself back: no dead letter stays behind for the sent message.
      const reactionsOf = async (status: string) =>
        (await must<{ eventReactions: { nodes: { id: string; attempts: number; payload: { messageId: string } }[] } }>(hq, `{ eventReactions(status: ${status}, paging: { limit: 100 }) { nodes { id attempts payload } } }`)).eventReactions.nodes.filter((n) => n.payload.messageId === m.id);
      expect(await reactionsOf('DEAD')).toEqual([]);
      let done = await reactionsOf('DONE');
      for (let i = 0; i < 40 && !done.length; i++) {
        await new Promise((r) => setTimeout(r, 250));
        done = await reactionsOf('DONE');
      }
      expect(done).toMatchObject([{ id: dead!.id, attempts: 4 }]);
    } finally {
      await app.stop();
      await gateway.close();
    }
  }, 120_000);

  it('a process killed (SIGKILL) between commit and sending: the message goes out after restart, exactly once', async () => {
    const gateway = await smsGateway(() => 200);
    const database = await createTestDatabase();
    // The writer runs no jobs: the message is decided and committed there, never sent.
    const writer = spawnEntry(API_MAIN, { DATABASE_URL: database.url, PORT: '0', HOST: '127.0.0.1', JOBS_ENABLED: 'false', LOG_LEVEL: 'info', ...gateway.env });
    const apps: TestApp[] = [];
    try {
      const writerUrl = await waitForListening(writer, 60_000);
      const writerApp = { graphql: (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) =>
        fetch(`${writerUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) }).then(async (r) => ({ status: r.status, headers: r.headers, body: await r.json() })) } as unknown as TestApp;
      const owner = await signIn(writerApp, 'owner@east.demo');
      await noQuietHours(owner);
      const customer = await customerWith(owner, { consentSms: true, consentWechat: false }, 8);
      const { sendCustomerMessage: m } = await must<{ sendCustomerMessage: Message }>(owner, `mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, channel: SMS, message: "进程被杀之后也要送达" }) { id status } }`, { c: customer.id });
      writer.child.kill('SIGKILL');
      await writer.exited;
      expect(m.status).toBe('QUEUED');
      expect(gateway.answersFor(m.id)).toEqual([]);

      const restarted = await startTestApp({ JOBS_ENABLED: 'true', ...gateway.env }, { database });
      apps.push(restarted);
      const reader = await signIn(restarted, 'owner@east.demo');
      expect(await settled(reader, m.id, (x) => x.status === 'SENT', 30_000)).toMatchObject({ status: 'SENT', attempts: 1, provider: 'sms-http' });
      await restarted.stop();
      apps.pop();
      // Another restart finds nothing left to send.
      const again = await startTestApp({ JOBS_ENABLED: 'true', ...gateway.env }, { database });
      apps.push(again);
      await new Promise((r) => setTimeout(r, 3_000));
      expect(gateway.answersFor(m.id)).toEqual([200]);
      expect(await messageById(await signIn(again, 'owner@east.demo'), m.id)).toMatchObject({ status: 'SENT', attempts: 1 });
    } finally {
      if (writer.child.exitCode === null && writer.child.signalCode === null) writer.child.kill('SIGKILL');
      for (const app of apps.reverse()) await app.stop();
      await database.drop();
      await gateway.close();
    }
  }, 180_000);
});

describe('the staff bell', () => {
  let app: TestApp;
  beforeAll(async () => {
    // The VIP reaction is an event handler: a pg-boss job fed from the outbox.
    app = await startTestApp({ JOBS_ENABLED: 'true' });
  });
  afterAll(() => app.stop());

  it('counts live when a VIP opens a case, lists the notification, and clears when read', async () => {
    const supervisor = await signIn(app, 'supervisor@east.demo');
    const agent = await signIn(app, 'agent@east.demo');
    const before = (await must<{ myNotificationCount: { unread: number } }>(supervisor, '{ myNotificationCount { unread } }')).myNotificationCount.unread;
    const live = takeFromSubscription<{ myNotificationCountChanged: { unread: number } }>(app.wsClient({ authorization: `Bearer ${supervisor.tokens.accessToken}` }), { query: 'subscription { myNotificationCountChanged { unread } }' }, 1);
    // The agent's own bell hears nothing of it.
    const agentLive = takeFromSubscription(app.wsClient({ authorization: `Bearer ${agent.tokens.accessToken}` }), { query: 'subscription { myNotificationCountChanged { unread } }' }, 1, 3_000);
    await new Promise((r) => setTimeout(r, 300));
    const vip = await must<{ customers: { nodes: { id: string }[] } }>(agent, '{ customers(filter: { tags: { containsAny: ["vip"] } }, paging: { limit: 1 }) { nodes { id } } }');
    const made = await must<{ createOneCase: { caseNo: string } }>(agent, `mutation($c: ID!) { createOneCase(input: { case: { type: COMPLAINT, channel: PHONE, subject: "VIP 投诉：送药太慢", description: "等了三个小时", customerId: $c } }) { caseNo } }`, { c: vip.customers.nodes[0]!.id });
    const [event] = await live;
    expect(event!.data!.myNotificationCountChanged.unread).toBe(before + 1);
    await expect(agentLive).rejects.toThrow(/0 of 1/);

    const inbox = await must<{ myNotifications: { nodes: { id: string; kind: string; subject: string; channel: string }[] } }>(supervisor, '{ myNotifications(unreadOnly: true) { nodes { id kind subject channel } } }');
    expect(inbox.myNotifications.nodes[0]).toMatchObject({ kind: 'case.vip_opened', channel: 'IN_APP', subject: `VIP 客户新工单 ${made.createOneCase.caseNo}` });
    const read = await must<{ markNotificationsRead: { unread: number } }>(supervisor, 'mutation($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { unread } }', { ids: [inbox.myNotifications.nodes[0]!.id] });
    expect(read.markNotificationsRead.unread).toBe(before);
    // Staff messages stay out of the customer message log.
    const log = await must<{ notificationMessages: { nodes: { channel: string }[] } }>(supervisor, '{ notificationMessages(paging: { limit: 200 }) { nodes { channel } } }');
    expect(log.notificationMessages.nodes.every((n) => n.channel !== 'IN_APP')).toBe(true);
  });

  it('an API key has no bell', async () => {
    const res = await app.graphql('{ myNotificationCount { unread } }', undefined, {});
    expect(errorCodes(res)).toEqual(['UNAUTHENTICATED']);
  });
});
