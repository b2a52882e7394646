import { nextWorkingTime, type BusinessCalendarSpec, type WorkingPeriod } from '../cases/business-time';
import { NotificationChannel, SuppressionReason } from './notification.entity';

/**
 * The rules of sending, as pure functions: placeholders in templates, quiet hours, and
 * whether a customer may be written to on a channel.
 */

// ------------------------------------------------------------------ placeholders

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The problems of a template text against the allowed placeholder names (empty when fine). */
export function placeholderProblems(text: string, allowed: readonly string[]): { placeholder: string; message: string }[] {
  const problems: { placeholder: string; message: string }[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    if (!NAME.test(name)) problems.push({ placeholder: name, message: `{{${name}}} is not a placeholder name (letters, digits and _ only)` });
    else if (!allowed.includes(name)) problems.push({ placeholder: name, message: `unknown placeholder {{${name}}}; this kind of message may use ${allowed.map((a) => `{{${a}}}`).join(', ')}` });
  }
  // Braces left over once the placeholders are taken out: an unclosed or stray {{ / }}.
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) problems.push({ placeholder: '', message: 'has an unclosed {{ or a stray }}; write placeholders as {{name}}' });
  return problems;
}

/** Fills a template in; a value missing at send time leaves the placeholder out rather than sending "{{x}}". */
export function render(text: string, values: Record<string, string | null | undefined>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => values[name] ?? '');
}

// ------------------------------------------------------------------ quiet hours

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isTimeOfDay(value: string): boolean {
  return TIME.test(value);
}

export interface QuietHours {
  quietHoursStart?: string | null;
  quietHoursEnd?: string | null;
  timeZone: string;
}

/** The hours messages may leave, as a calendar (every day, the complement of the quiet hours). */
function sendingCalendar(q: QuietHours): BusinessCalendarSpec | null {
  const { quietHoursStart: start, quietHoursEnd: end } = q;
  if (!start || !end || start === end) return null;
  const periods: WorkingPeriod[] =
    start > end
      ? [{ start: end, end: start }] // 21:00–08:00: send 08:00–21:00
      : [
          { start: '00:00', end: start },
          { start: end, end: '24:00' },
        ].filter((p) => p.start !== p.end);
  return { timeZone: q.timeZone, workingHours: { 0: periods, 1: periods, 2: periods, 3: periods, 4: periods, 5: periods, 6: periods }, holidays: [] };
}

/** When a customer message decided at `at` may leave: `at` itself, or the end of the quiet hours it falls in. */
export function sendableAt(q: QuietHours, at: Date): Date {
  const calendar = sendingCalendar(q);
  return calendar ? nextWorkingTime(calendar, at) : at;
}

// ------------------------------------------------------------------ consent

export interface Recipient {
  name: string;
  phone?: string | null;
  email?: string | null;
  consentSms: boolean;
  consentWechat: boolean;
  consentMarketing: boolean;
}

export interface OptOut {
  channel?: NotificationChannel | null;
  reason: string;
  createdAt: Date;
}

export type Decision = { send: true; address: string } | { send: false; reason: SuppressionReason; note: string };

const CHANNEL_NAMES: Record<NotificationChannel, string> = { SMS: '短信 SMS', WECHAT: '微信 WeChat', EMAIL: '邮件 email', IN_APP: '站内 in-app' };

/**
 * Whether a customer may get a message on a channel, and where to: an opt-out wins over
 * everything, then the channel's consent (SMS and WeChat need the customer's agreement;
 * marketing needs marketing consent on any channel), then an address to send to.
 */
export function customerDecision(customer: Recipient, channel: NotificationChannel, optOuts: readonly OptOut[], marketing = false): Decision {
  const optOut = optOuts.find((o) => o.channel == null || o.channel === channel);
  if (optOut) {
    const day = optOut.createdAt.toISOString().slice(0, 10);
    const scope = optOut.channel ? CHANNEL_NAMES[optOut.channel] : '所有渠道 all channels';
    return { send: false, reason: SuppressionReason.OPTED_OUT, note: `${customer.name}已于 ${day} 退订${scope}：${optOut.reason} (opted out of ${optOut.channel ?? 'every channel'} on ${day})` };
  }
  const consent = channel === NotificationChannel.SMS ? customer.consentSms : channel === NotificationChannel.WECHAT ? customer.consentWechat : true;
  if (!consent) return { send: false, reason: SuppressionReason.NO_CONSENT, note: `${customer.name}未同意通过${CHANNEL_NAMES[channel]}联系 (no ${channel} consent on the archive)` };
  if (marketing && !customer.consentMarketing) return { send: false, reason: SuppressionReason.NO_CONSENT, note: `${customer.name}未同意接收营销信息 (no marketing consent)` };
  const address = channel === NotificationChannel.EMAIL ? customer.email : customer.phone;
  if (!address) return { send: false, reason: SuppressionReason.NO_ADDRESS, note: `${customer.name}的档案没有${channel === NotificationChannel.EMAIL ? '邮箱' : '手机号'} (no ${channel === NotificationChannel.EMAIL ? 'email address' : 'phone number'} on the archive)` };
  return { send: true, address };
}
