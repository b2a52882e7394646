import { randomUUID } from 'node:crypto';
import { DecimalType, Entity, Enum, Filter, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/postgresql';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { clock } from '../../core/clock';
import { TenantEntity, tenantFilter } from '../../core/tenancy/tenant-entity';

export enum ReadingSource {
  /** Typed in by staff. */
  MANUAL = 'MANUAL',
  /** Posted by a sensor partner with an API key. */
  SENSOR = 'SENSOR',
}

export enum ExcursionStatus {
  /** Readings are (or were last) out of the zone's limits. */
  OPEN = 'OPEN',
  /** Readings came back within limits; the zone stays on hold until a person releases it. */
  CLOSED = 'CLOSED',
}

registerEnumType(ReadingSource, { name: 'ReadingSource' });
registerEnumType(ExcursionStatus, { name: 'ExcursionStatus' });

const decimal = () => new DecimalType('number');

/**
 * One temperature / humidity reading of a storage zone, never changed. Idempotent by its
 * source key (the partner's reading id, else sensor + time): a batch sent twice adds nothing.
 */
@Entity({ tableName: 'storage_reading' })
@Filter(tenantFilter)
@Unique({ properties: ['franchiseId', 'sourceKey'] })
@Index({ properties: ['zoneId', 'recordedAt'] })
@ObjectType()
export class StorageReading {
  [OptionalProps]?: 'id' | 'temperature' | 'humidity' | 'sensorId' | 'readingId' | 'recordedById' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID)
  id: string = randomUUID();

  @Property({ type: 'uuid', index: true })
  @Field(() => ID)
  franchiseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When it was measured (out-of-order batches are expected).' })
  recordedAt!: Date;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true, description: '°C' })
  temperature?: number | null;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true, description: 'Relative humidity, %.' })
  humidity?: number | null;

  @Enum({ items: () => ReadingSource })
  @Field(() => ReadingSource)
  source!: ReadingSource;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  sensorId?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'The partner’s id of the reading.' })
  readingId?: string | null;

  @Property({ type: 'text', hidden: true })
  sourceKey!: string;

  @Property({ type: 'boolean' })
  @Field({ description: 'Within the zone’s limits when it was recorded.' })
  inRange!: boolean;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  recordedById?: string | null;

  @Property({ type: 'timestamptz' })
  @Field()
  createdAt: Date = clock.now();
}

/**
 * A spell of readings outside a zone's limits. Opening one puts the zone on hold (its stock
 * is not reserved or picked); it closes when readings come back within limits; the zone is
 * released by a person. One lasting beyond the franchise's limit opens a case.
 */
@Entity({ tableName: 'storage_excursion' })
@Filter(tenantFilter)
@Index({ properties: ['zoneId', 'startedAt'] })
@ObjectType()
export class StorageExcursion extends TenantEntity<'status' | 'endedAt' | 'caseId' | 'escalatedAt' | 'releasedAt' | 'releasedById' | 'releaseNote' | 'readingsOut' | 'minTemperature' | 'maxTemperature' | 'minHumidity' | 'maxHumidity'> {
  @Property({ type: 'uuid' })
  @Field(() => ID)
  warehouseId!: string;

  @Property({ type: 'uuid' })
  @Field(() => ID)
  zoneId!: string;

  @Enum({ items: () => ExcursionStatus })
  @Field(() => ExcursionStatus)
  status: ExcursionStatus = ExcursionStatus.OPEN;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'The first reading out of limits.' })
  startedAt!: Date;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'The latest reading out of limits.' })
  lastOutAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'The first reading back within limits.' })
  endedAt?: Date | null;

  @Property({ type: 'int' })
  @Field(() => Int)
  readingsOut: number = 0;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true })
  minTemperature?: number | null;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true })
  maxTemperature?: number | null;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true })
  minHumidity?: number | null;

  @Property({ type: decimal(), precision: 5, scale: 2, nullable: true })
  @Field(() => Float, { nullable: true })
  maxHumidity?: number | null;

  @Property({ type: 'text' })
  @Field(() => String, { description: 'The zone’s limits when it started, e.g. "2–8 °C, 45–75 %".' })
  limits!: string;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true, description: 'The case opened for the responsible person when it lasted too long.' })
  caseId?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true })
  escalatedAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'When a person released the zone’s stock after it.' })
  releasedAt?: Date | null;

  @Property({ type: 'uuid', nullable: true })
  @Field(() => ID, { nullable: true })
  releasedById?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true })
  releaseNote?: string | null;
}
