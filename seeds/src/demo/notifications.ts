import { clock, NotificationChannel, optOutCustomer, sendCustomerMessage, StaffUser } from '@pharmadesk/api';
import { ServiceReplay } from '../framework/replay';
import type { Seeder } from '../framework/seeder';
import { DEMO_ORGANIZATION, type DemoOrganization } from './organization';

const HOUR = 3_600_000;

/** What each franchise's health manager wrote to customers lately (data); one customer opted out of SMS first. */
const CARE_MESSAGES = [
  { hoursAgo: 50, message: '天气转凉，请注意血压变化，按时服药，如有不适及时就医。' },
  { hoursAgo: 26, message: '您预约的慢病复查在本周六上午，请携带近期的用药记录。' },
  { hoursAgo: 3, message: '您常用的降压药已到店，可到门店领取或预约送药上门。', optedOut: true },
];

/**
 * Demo messages in the message log, written through the notifications service (consent,
 * opt-out and quiet hours apply as in the product): a few care messages per franchise, one
 * of them to a customer who opted out of SMS, so the log shows a message not sent and why.
 * With jobs on, `pnpm start` then delivers the rest through the log provider.
 */
export const notificationsSeeder: Seeder = {
  name: 'notifications',
  async run({ em, shared, logger }) {
    const organization = shared.get(DEMO_ORGANIZATION) as DemoOrganization;
    const replay = new ServiceReplay(em, logger);
    const now = clock.nowMs();
    for (const { key, franchise } of organization.franchises) {
      const manager = await em.findOneOrFail(StaffUser, { email: `manager@${key}.demo` });
      const customers = await em.execute<{ id: string }[]>(`select id from customer where franchise_id = ? and health_manager_id = ? and consent_sms order by record_no limit ?`, [franchise.id, manager.id, CARE_MESSAGES.length]);
      for (const [i, care] of CARE_MESSAGES.entries()) {
        const customer = customers[i];
        if (!customer) continue;
        const at = new Date(now - care.hoursAgo * HOUR);
        if (care.optedOut) await replay.as(manager.id, new Date(at.getTime() - HOUR), (ctx) => optOutCustomer(ctx, { customerId: customer.id, channel: NotificationChannel.SMS, reason: '客户回复 TD 退订短信' }));
        await replay.as(manager.id, at, (ctx) => sendCustomerMessage(ctx, { customerId: customer.id, channel: NotificationChannel.SMS, message: care.message }));
      }
    }
  },
};
