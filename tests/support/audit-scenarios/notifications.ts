import { Client } from 'pg';
import type { AuditScenario } from './index';

/** East's owner writes a template, sets quiet hours, writes to a customer, records an opt-out, and retries a failed message. */
export const notificationsAuditScenario: AuditScenario = async ({ app, owner, run }) => {
  const template = await run(owner, 'createOneNotificationTemplate', 'mutation { createOneNotificationTemplate(input: { template: { kind: "customer.care", channel: SMS, body: "{{customerName}}您好，{{message}}" } }) { id version } }');
  await run(owner, 'updateOneNotificationTemplate', 'mutation($id: ID!, $v: Int!) { updateOneNotificationTemplate(input: { id: $id, version: $v, update: { enabled: false } }) { id } }', { id: template.id, v: template.version });
  await run(owner, 'deleteOneNotificationTemplate', 'mutation($id: ID!) { deleteOneNotificationTemplate(input: { id: $id }) { id } }', { id: template.id });
  await run(owner, 'updateNotificationSettings', 'mutation { updateNotificationSettings(input: { quietHoursStart: "22:00", quietHoursEnd: "07:30" }) { version } }');
  const customers = await owner.graphql<{ customers: { nodes: { id: string }[] } }>('{ customers(paging: { limit: 1 }) { nodes { id } } }');
  const customerId = customers.body.data!.customers.nodes[0]!.id;
  const message = await run(owner, 'sendCustomerMessage', 'mutation($c: ID!) { sendCustomerMessage(input: { customerId: $c, message: "审计用关怀消息" }) { id } }', { c: customerId });
  await run(owner, 'optOutCustomer', 'mutation($c: ID!) { optOutCustomer(input: { customerId: $c, channel: WECHAT, reason: "审计：客户要求" }) { id } }', { c: customerId });
  await run(owner, 'optInCustomer', 'mutation($c: ID!) { optInCustomer(input: { customerId: $c, channel: WECHAT }) }', { c: customerId });
  await run(owner, 'markNotificationsRead', 'mutation { markNotificationsRead(input: { all: true }) { unread } }');
  // A provider that kept failing leaves a FAILED message (made so here; notifications.test.ts shows the real path).
  const db = new Client({ connectionString: app.database.url });
  await db.connect();
  await db.query(`update notification_message set status = 'FAILED', attempts = 5, last_error = 'gateway down' where id = $1`, [message.id]);
  await db.end();
  await run(owner, 'retryNotificationMessage', 'mutation($id: ID!) { retryNotificationMessage(id: $id) { status } }', { id: message.id });
};
