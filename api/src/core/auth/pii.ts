import { Field, UseMiddleware } from 'type-graphql';
import type { RequestContext } from '../context';

export type PiiKind = 'phone' | 'address' | 'idNumber' | 'email';

/** Keeps enough to recognise a value on the phone ("138****5678"), never enough to use it. */
export function maskPii(kind: PiiKind, value: string): string {
  if (!value) return value;
  switch (kind) {
    case 'phone': {
      const digits = value.replace(/\D/g, '');
      return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
    }
    case 'idNumber':
      return value.length > 8 ? `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}` : '********';
    case 'email': {
      const [local = '', domain = ''] = value.split('@');
      return `${local.slice(0, 1)}***@${domain}`;
    }
    case 'address':
      return value.length > 6 ? `${value.slice(0, 6)}****` : '****';
  }
}

/**
 * A GraphQL field whose value is masked unless the caller holds `permission`
 * (e.g. customer:pii). Audit entries redact these fields too (see core/audit).
 */
export function PiiField(kind: PiiKind, permission: string, options: { description?: string } = {}): PropertyDecorator {
  return (target, property) => {
    piiRegistry.set(`${target.constructor.name}.${String(property)}`, kind);
    Field(() => String, { nullable: true, description: `${options.description ?? ''} Masked without ${permission}.`.trim() })(target, property);
    const entity = target.constructor.name;
    UseMiddleware(async ({ context, root }: { context: RequestContext; root: { id?: string } }, next) => {
      const value = (await next()) as string | null | undefined;
      if (value == null) return value;
      if (!context.actor?.permissions.has(permission)) return maskPii(kind, value);
      // Unmasked: remembered so the operation leaves an audit entry of whose data was read.
      if (root?.id) {
        if (!context.piiReads.has(entity)) context.piiReads.set(entity, new Set());
        context.piiReads.get(entity)!.add(root.id);
      }
      return value;
    })(target, property);
  };
}

/** "Entity.property" of every PII field, for redaction in audit entries. */
export const piiRegistry = new Map<string, PiiKind>();
