import { Entity, Filter, Index, Property } from '@mikro-orm/postgresql';
import { Field, ID, ObjectType } from 'type-graphql';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

/**
 * A team (班组) of agents working under a store, branch center or department (the call center).
 * It groups people, not records: a team's figures are those of its members (the agent on each
 * record), so teams can be formed and changed without moving anyone's scope. A staff member is in
 * at most one team.
 */
@Entity({ tableName: 'team' })
@Filter(tenantFilter)
@Index({ name: 'team_member_ids_index', expression: 'create index "team_member_ids_index" on "team" using gin ("member_ids")' })
@ObjectType({ description: 'A team (班组) of agents under a store, branch center or department; reports and call KPIs group by it.' })
export class Team extends TenantEntity<'memberIds'> {
  @Property({ type: 'uuid', index: true })
  @Field(() => ID, { description: 'The store, branch center or department the team works under.' })
  orgUnitId!: string;

  @Property({ type: 'text' })
  @Field()
  name!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The team leader (班组长), one of its members.' })
  leaderId?: string | null = null;

  @Property({ type: 'uuid[]', columnType: 'uuid[]' })
  @Field(() => [ID], { description: 'Its members (staff); each in at most one team.' })
  memberIds: string[] = [];
}
