import { registerEnumType } from 'type-graphql';

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

export enum SortNulls {
  NULLS_FIRST = 'NULLS_FIRST',
  NULLS_LAST = 'NULLS_LAST',
}

registerEnumType(SortDirection, { name: 'SortDirection' });
registerEnumType(SortNulls, { name: 'SortNulls' });

export interface SortInput<F extends string = string> {
  field: F;
  direction: SortDirection;
  nulls?: SortNulls | null;
}
