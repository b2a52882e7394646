import { gql } from '@urql/core';
import type { DocumentNode } from 'graphql';
import operations from 'virtual:pharmadesk-operations';

/**
 * The GraphQL operations the panel sends live in `schema/operations/*.graphql` (validated against
 * schema/schema.graphql by tests/admin/operations.test.ts). The build resolves each named operation
 * with the fragments it uses (vite.config.ts), so `opText('CaseList')` is the text to send and
 * `op('CaseList')` its document (parsed by urql's small parser, once).
 */
function entry(name: string): { text: string; kind: string } {
  const operation = operations[name];
  if (!operation) throw new Error(`Operation ${name} is not defined in schema/operations`);
  return operation;
}

export const opText = (name: string): string => entry(name).text;

export const isMutation = (name: string): boolean => entry(name).kind === 'mutation';

/** A GraphQL document from its text, parsed by urql's parser (plugins write their own operations with it). */
export const parseDocument = (text: string): DocumentNode => gql(text) as unknown as DocumentNode;

const documents = new Map<string, DocumentNode>();

export function op(name: string): DocumentNode {
  let document = documents.get(name);
  if (!document) documents.set(name, (document = parseDocument(opText(name))));
  return document;
}
