import type { RequestHandler } from 'express';
import { requestIdFrom } from '../context';
import type { Logger } from '../logger';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Locals {
      requestId: string;
      operationName?: string | null;
    }
  }
}

/** Gives every request an id (kept from X-Request-Id when sane), echoes it, and logs one line per request. */
export function requestLogging(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    res.on('finish', () => {
      const path = req.originalUrl.split('?')[0];
      if (path === '/healthz' || path === '/readyz') return; // probes would drown the log
      logger.info(
        {
          requestId,
          method: req.method,
          // A route whose path holds a secret (an online survey link) logs a masked one instead.
          path: res.locals.logPath ?? path,
          status: res.statusCode,
          operationName: res.locals.operationName ?? undefined,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
