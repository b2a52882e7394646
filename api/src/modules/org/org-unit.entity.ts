import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum OrgUnitKind {
  HQ = 'HQ',
  FRANCHISE = 'FRANCHISE',
  STORE = 'STORE',
  BRANCH_CENTER = 'BRANCH_CENTER',
  DEPARTMENT = 'DEPARTMENT',
}

export enum OrgUnitStatus {
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  CLOSED = 'CLOSED',
}

export enum CooperationType {
  FRANCHISE = 'FRANCHISE',
  JOINT_VENTURE = 'JOINT_VENTURE',
  PARTNER = 'PARTNER',
  DIRECT = 'DIRECT',
}

registerEnumType(OrgUnitKind, { name: 'OrgUnitKind', description: 'HQ → franchises → stores / branch centers → departments.' });
registerEnumType(OrgUnitStatus, { name: 'OrgUnitStatus' });
registerEnumType(CooperationType, { name: 'CooperationType', description: 'How a franchise works with HQ (加盟/合作).' });

/**
 * A node of the organization tree. A franchise's contract data (maintained by HQ only)
 * lives on its FRANCHISE node. A staff member's scope is their node and everything under it.
 */
@Entity({ tableName: 'org_unit' })
@Filter(tenantFilter)
@Index({ name: 'org_unit_path_index', expression: 'create index "org_unit_path_index" on "org_unit" ("path" text_pattern_ops)' })
@ObjectType()
export class OrgUnit extends TenantEntity<'status' | 'timeZone'> {
  @Enum({ items: () => OrgUnitKind })
  @Field(() => OrgUnitKind)
  kind!: OrgUnitKind;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Short code shown on slips and numbers, unique within the franchise.' })
  code?: string | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  parentId?: string | null;

  /** '/<hq id>/<franchise id>/<store id>/': scope checks are prefix matches. */
  @Property({ type: 'text' })
  path!: string;

  @Enum({ items: () => OrgUnitStatus })
  @Field(() => OrgUnitStatus)
  status: OrgUnitStatus = OrgUnitStatus.ACTIVE;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  address?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Property({ type: 'text' })
  @Field({ description: 'IANA time zone for business calendars and dates in the admin.' })
  timeZone: string = 'Asia/Shanghai';

  // Franchise contract (FRANCHISE nodes only)

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  ownerName?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  ownerPhone?: string | null;

  @Enum({ items: () => CooperationType, nullable: true })
  @Field(() => CooperationType, { nullable: true })
  cooperationType?: CooperationType | null;

  @Property({ type: 'text[]', nullable: true })
  @Field(() => [String], { nullable: true, description: 'Service projects the franchise runs.' })
  projects?: string[] | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Contract date (YYYY-MM-DD).' })
  contractDate?: string | null;

  @Property({ type: 'date', nullable: true })
  @Field(() => String, { nullable: true, description: 'Contract end date (YYYY-MM-DD), if any.' })
  contractEndDate?: string | null;
}
