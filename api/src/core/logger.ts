import pino, { type Logger } from 'pino';
import type { Config } from '../config';

export type { Logger };

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { service: 'pharmadesk-api' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'], censor: '[redacted]' },
  });
}

type Log = (...args: unknown[]) => void;

/**
 * A request's logger, its pino child made when something logs (most requests never do: a child
 * per request, with its level set, showed in the read path's profile). Apollo copies the request
 * context into a new object for every operation, reading each property: this stands in for the
 * child without making it. It has the methods request code calls on `ctx.logger`.
 */
export class RequestLogger {
  private made?: Logger;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: Record<string, unknown>,
  ) {}

  private get logger(): Logger {
    return (this.made ??= this.parent.child(this.bindings));
  }

  /** Adds to what every later line says (operationName). */
  bind(bindings: Record<string, unknown>): void {
    if (this.made) this.made = this.made.child(bindings);
    else Object.assign(this.bindings, bindings);
  }

  get level(): string {
    return this.logger.level;
  }
  isLevelEnabled(level: string): boolean {
    return this.logger.isLevelEnabled(level);
  }
  child(bindings: Record<string, unknown>): Logger {
    return this.logger.child(bindings);
  }
  fatal(...args: unknown[]): void {
    (this.logger.fatal as Log)(...args);
  }
  error(...args: unknown[]): void {
    (this.logger.error as Log)(...args);
  }
  warn(...args: unknown[]): void {
    (this.logger.warn as Log)(...args);
  }
  info(...args: unknown[]): void {
    (this.logger.info as Log)(...args);
  }
  debug(...args: unknown[]): void {
    (this.logger.debug as Log)(...args);
  }
  trace(...args: unknown[]): void {
    (this.logger.trace as Log)(...args);
  }
}
