import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../core/context';
import type { FilterInput } from '../../core/graphql/list';
import { OffsetPaging } from '../../core/graphql/paging';
import type { SortInput } from '../../core/graphql/sorting';
import { selectionOf } from '../../core/read/selection';
import { InventoryPermission } from './inventory.permissions';
import {
  RecordStorageReadingsInput,
  RecordStorageReadingsResult,
  ReleaseStorageZoneInput,
  StorageExcursionConnection,
  StorageExcursionFilter,
  StorageExcursionSort,
  StorageReadingBucket,
  StorageReadingConnection,
  StorageReadingFilter,
  StorageReadingSort,
} from './stock-control.types';
import { StorageExcursion } from './storage.entity';
import * as storage from './storage.service';
import { StorageZone } from './warehouse.entity';

@Resolver(() => StorageExcursion)
export class StorageResolver {
  @Authorized(InventoryPermission['storage:record'])
  @Mutation(() => RecordStorageReadingsResult, {
    description:
      'Post temperature / humidity readings (up to 500; a sensor partner with an API key, or staff). Idempotent by readingId, else sensorId + recordedAt. A reading out of the zone’s limits opens an excursion and puts the zone on hold.',
  })
  recordStorageReadings(@Ctx() ctx: RequestContext, @Arg('input') input: RecordStorageReadingsInput) {
    return storage.recordReadings(ctx, input.readings);
  }

  @Authorized(InventoryPermission['stock:write'])
  @Mutation(() => StorageZone, { description: 'Release a zone held after an excursion (once readings are back within limits), saying what was checked.' })
  releaseStorageZone(@Ctx() ctx: RequestContext, @Arg('input') input: ReleaseStorageZoneInput) {
    return storage.releaseZone(ctx, input);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StorageExcursionConnection, { description: 'Storage excursions (readings out of a zone’s limits), newest first.' })
  storageExcursions(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StorageExcursionFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StorageExcursionSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return storage.listExcursions(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => StorageReadingConnection, { description: 'Temperature / humidity readings, newest first.' })
  storageReadings(
    @Ctx() ctx: RequestContext,
    @Arg('filter', () => StorageReadingFilter, { nullable: true }) filter?: FilterInput,
    @Arg('sorting', () => [StorageReadingSort], { nullable: true }) sorting?: SortInput[],
    @Arg('paging', () => OffsetPaging, { nullable: true }) paging?: OffsetPaging,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return storage.listReadings(ctx, { filter, sorting, paging }, info ? selectionOf(info, ['nodes']) : null);
  }

  @Authorized(InventoryPermission['inventory:read'])
  @Query(() => [StorageReadingBucket], { description: 'A zone’s readings for a chart: min / average / max per bucket (default: about 200 buckets over the range), with out-of-limit counts.' })
  storageReadingSeries(
    @Ctx() ctx: RequestContext,
    @Arg('zoneId', () => ID) zoneId: string,
    @Arg('from') from: Date,
    @Arg('to') to: Date,
    @Arg('bucketMinutes', () => Int, { nullable: true }) bucketMinutes?: number,
  ) {
    return storage.readingSeries(ctx, { zoneId, from, to, bucketMinutes });
  }
}
