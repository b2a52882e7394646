import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { parseBounded } from '../graphql/operation-guards';
import { ErrorCode } from '../errors';

/**
 * Errors raised before GraphQL runs (unparseable JSON, oversized or wrongly
 * encoded bodies) answered as GraphQL-over-HTTP error documents, so clients always
 * get `{ errors: [{ message, extensions: { code } }] }`.
 */
export function sendGraphQLHttpError(req: Request, res: Response, status: number, message: string, code: string, extensions: Record<string, unknown> = {}): void {
  const type = req.accepts(['application/graphql-response+json', 'application/json']) || 'application/json';
  res.status(status).type(type).send(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code } }] }));
}

/** Documents over the token or shape limits are refused before Apollo parses and validates them (see parseBounded). */
/** Documents that passed the shape check, most recent last: clients send the same few again and again (Apollo caches its own parse too). */
const acceptedDocuments = new Set<string>();
const ACCEPTED_DOCUMENTS = 500;
const REMEMBERED_DOCUMENT_CHARS = 20_000;

export const documentShapeGuard: RequestHandler = (req, res, next) => {
  const query = req.method === 'GET' ? req.query.query : (req.body as { query?: unknown } | undefined)?.query;
  if (typeof query !== 'string' || acceptedDocuments.has(query)) return next();
  const parsed = parseBounded(query);
  if (!parsed.errors) {
    if (query.length <= REMEMBERED_DOCUMENT_CHARS) {
      if (acceptedDocuments.size >= ACCEPTED_DOCUMENTS) acceptedDocuments.delete(acceptedDocuments.values().next().value!);
      acceptedDocuments.add(query);
    }
    return next();
  }
  const [error] = parsed.errors;
  const { code, http: _status, ...extensions } = error!.extensions as { code: string; http?: unknown };
  sendGraphQLHttpError(req, res, 400, error!.message, code, extensions);
};

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
