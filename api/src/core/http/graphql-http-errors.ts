import type { ErrorRequestHandler, Request, Response } from 'express';
import { ErrorCode } from '../errors';

/**
 * Errors raised before GraphQL runs (unparseable JSON, oversized or wrongly
 * encoded bodies) answered as GraphQL-over-HTTP error documents, so clients always
 * get `{ errors: [{ message, extensions: { code } }] }`.
 */
export function sendGraphQLHttpError(req: Request, res: Response, status: number, message: string, code: string): void {
  const type = req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json';
  res.status(status).type(type).send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

export const bodyParserErrors: ErrorRequestHandler = (error, req, res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.parse.failed') {
    sendGraphQLHttpError(req, res, 400, `The request body is not valid JSON: ${(error as Error).message}`, ErrorCode.BadRequest);
  } else if (type === 'entity.too.large') {
    const limit = (error as { limit?: number }).limit;
    sendGraphQLHttpError(req, res, 413, `The request body is larger than the ${limit} bytes allowed`, ErrorCode.BadRequest);
  } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    sendGraphQLHttpError(req, res, 415, (error as Error).message, ErrorCode.BadRequest);
  } else {
    next(error);
  }
};
