import { Entity, Enum, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';
import { SolutionType, TenantEntity, tenantFilter } from '@pharmadesk/api';

export enum RefundApprovalStatus {
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(RefundApprovalStatus, { name: 'RefundApprovalStatus' });

/** A refund or compensation above the franchise's threshold, waiting for (or decided by) an approver. */
@Entity({ tableName: 'refund_approval' })
@Filter(tenantFilter)
@Index({ properties: ['franchiseId', 'status', 'createdAt'] })
@ObjectType({ description: 'A refund or compensation above the franchise’s threshold and its approval decision (refund-approval plugin).' })
export class RefundApproval extends TenantEntity<'status' | 'amount' | 'threshold'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  caseId!: string;

  @Property({ type: 'text' })
  @Field()
  caseNo!: string;

  @Enum({ items: () => SolutionType })
  @Field(() => SolutionType)
  solutionType!: SolutionType;

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)' })
  amountValue!: string;

  @Property({ type: 'decimal', precision: 12, scale: 2, columnType: 'numeric(12,2)' })
  thresholdValue!: string;

  @Enum({ items: () => RefundApprovalStatus })
  @Field(() => RefundApprovalStatus)
  status: RefundApprovalStatus = RefundApprovalStatus.PENDING;

  @Property({ type: 'uuid' })
  @Field(() => ID, { description: 'Who proposed the solution.' })
  requestedById!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  decidedById?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  decidedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  decisionNote?: string | null;

  @Field(() => Float, { description: 'Yuan.' })
  get amount(): number {
    return Number(this.amountValue);
  }

  @Field(() => Float, { description: 'The franchise’s threshold when it was requested (yuan).' })
  get threshold(): number {
    return Number(this.thresholdValue);
  }
}
