import { Extensions, Field } from 'type-graphql';
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

/** What a PII field's resolver needs (kept in the field's extensions as `pii`). */
export interface PiiFieldExtension {
  kind: PiiKind;
  permission: string;
  entity: string;
  property: string;
}

/**
 * A GraphQL field whose value is masked unless the caller holds `permission`
 * (e.g. customer:pii). Audit entries redact these fields too (see core/audit).
 * The masking resolver is installed on the built schema (piiResolver), a plain synchronous
 * function: no middleware chain per field per row.
 */
export function PiiField(kind: PiiKind, permission: string, options: { description?: string } = {}): PropertyDecorator {
  return (target, property) => {
    const entity = target.constructor.name;
    piiRegistry.set(`${entity}.${String(property)}`, kind);
    Field(() => String, { nullable: true, description: `${options.description ?? ''} Masked without ${permission}.`.trim() })(target, property);
    Extensions({ pii: { kind, permission, entity, property: String(property) } satisfies PiiFieldExtension })(target, property);
  };
}

/** The resolver of a PII field: masked without the permission; unmasked reads remembered for the audit entry. */
export function piiResolver({ kind, permission, entity, property }: PiiFieldExtension) {
  return (root: Record<string, unknown> & { id?: string }, _args: unknown, context: RequestContext): string | null | undefined => {
    const value = root[property] as string | null | undefined;
    if (value == null) return value;
    if (!context.actor?.permissions.has(permission)) return maskPii(kind, value);
    // Unmasked: remembered so the operation leaves an audit entry of whose data was read.
    if (root.id) {
      let ids = context.piiReads.get(entity);
      if (!ids) context.piiReads.set(entity, (ids = new Set()));
      ids.add(root.id);
    }
    return value;
  };
}

/** "Entity.property" of every PII field, for redaction in audit entries. */
export const piiRegistry = new Map<string, PiiKind>();
