import nodemailer from 'nodemailer';
import type { Config } from '../../config';
import type { Logger } from '../../core/logger';
import { NotificationChannel } from './notification.entity';

/** What leaves: one rendered message to one address. */
export interface OutgoingMessage {
  id: string;
  kind: string;
  channel: NotificationChannel;
  to: string;
  subject: string | null;
  body: string;
}

/**
 * One way out for messages (an SMS gateway, an SMTP server, the log). `send` resolves with
 * the provider's id for the message, or throws: the delivery job then retries with backoff.
 */
export interface NotificationProvider {
  name: string;
  send(message: OutgoingMessage): Promise<{ providerMessageId: string | null }>;
}

/** Records what would be sent (the message log shows it in full); nothing leaves the building. */
export function logProvider(logger: Logger): NotificationProvider {
  return {
    name: 'log',
    async send(message) {
      logger.info({ messageId: message.id, kind: message.kind, channel: message.channel }, 'message recorded by the log provider (not sent)');
      return { providerMessageId: `log:${message.id}` };
    },
  };
}

/** Email through SMTP with nodemailer. */
export function smtpProvider(url: string, from: string): NotificationProvider {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(message) {
      const info = await transport.sendMail({ from, to: message.to, subject: message.subject ?? '', text: message.body, headers: { 'X-PharmaDesk-Message-Id': message.id } });
      return { providerMessageId: info.messageId ?? null };
    },
  };
}

/**
 * An SMS or WeChat gateway over HTTP: POST JSON { to, body, subject, messageId, kind } with a
 * bearer key; a 2xx answer (optionally { id }) is success, anything else a failure to retry.
 */
export function httpProvider(name: string, endpoint: string, key: string | undefined, timeoutMs = 10_000): NotificationProvider {
  return {
    name,
    async send(message) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}), 'idempotency-key': message.id },
        body: JSON.stringify({ to: message.to, body: message.body, subject: message.subject, messageId: message.id, kind: message.kind }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`${name} gateway answered ${response.status}: ${text.slice(0, 200)}`);
      let id: string | null = null;
      try {
        id = (JSON.parse(text) as { id?: unknown }).id?.toString() ?? null;
      } catch {
        // A gateway that answers 2xx without JSON still took the message.
      }
      return { providerMessageId: id };
    },
  };
}

export type NotificationProviders = Record<Exclude<NotificationChannel, NotificationChannel.IN_APP>, NotificationProvider>;

/** The provider of each customer channel, as configured (the log provider unless told otherwise). */
export function createProviders(config: Config, logger: Logger): NotificationProviders {
  const log = logProvider(logger.child({ module: 'notifications' }));
  return {
    [NotificationChannel.SMS]: config.NOTIFY_SMS_PROVIDER === 'http' ? httpProvider('sms-http', config.SMS_HTTP_ENDPOINT!, config.SMS_HTTP_KEY) : log,
    [NotificationChannel.WECHAT]: config.NOTIFY_WECHAT_PROVIDER === 'http' ? httpProvider('wechat-http', config.WECHAT_HTTP_ENDPOINT!, config.WECHAT_HTTP_KEY) : log,
    [NotificationChannel.EMAIL]: config.NOTIFY_EMAIL_PROVIDER === 'smtp' ? smtpProvider(config.SMTP_URL!, config.SMTP_FROM) : log,
  };
}
