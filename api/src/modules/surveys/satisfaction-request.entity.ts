import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum SatisfactionRequestStatus {
  /** Waiting to be sent (by the surveys module, or an agent's callback). */
  PENDING = 'PENDING',
  SENT = 'SENT',
  ANSWERED = 'ANSWERED',
  EXPIRED = 'EXPIRED',
}
registerEnumType(SatisfactionRequestStatus, { name: 'SatisfactionRequestStatus' });

/**
 * A request to ask a customer how satisfied they were (CSAT), made when a case is
 * resolved; the surveys module sends and records the answer.
 */
@Entity({ tableName: 'satisfaction_request' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'createdAt'] })
@ObjectType()
export class SatisfactionRequest extends TenantEntity<'status'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  customerId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'What it is about, e.g. case.' })
  sourceKind!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  sourceId!: string;

  @Property({ type: 'text' })
  @Field({ description: 'Readable reference of the source (case number).' })
  sourceRef!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'Staff whose service is rated.' })
  staffId?: string | null;

  @Enum({ items: () => SatisfactionRequestStatus })
  @Field(() => SatisfactionRequestStatus)
  status: SatisfactionRequestStatus = SatisfactionRequestStatus.PENDING;
}
