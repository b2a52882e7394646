import { Entity, Filter, OptionalProps, PrimaryKey, Property } from '@mikro-orm/postgresql';
import { tenantFilter } from '../tenancy/tenant-entity';

/** The counters behind nextNumber(): one row per franchise, series and year. */
@Entity({ tableName: 'numbering_sequence' })
@Filter(tenantFilter)
export class NumberingSequence {
  [OptionalProps]?: 'value';

  @PrimaryKey({ type: 'uuid' })
  franchiseId!: string;

  @PrimaryKey({ type: 'text' })
  series!: string;

  @PrimaryKey({ type: 'int' })
  year!: number;

  @Property({ type: 'int' })
  value: number = 0;
}
