import { ArrayMaxSize, ArrayMinSize, IsOptional, Length, Max, Min, ValidateNested } from 'class-validator';
import { Field, Float, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BooleanFieldComparison, DateFieldComparison, enumComparison, IDFilterComparison, IntFieldComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { StockAlert, StockAlertKind, StockMinimum } from './alert.entity';
import { ExcursionStatus, ReadingSource, StorageExcursion, StorageReading } from './storage.entity';
import { MAX_READINGS } from './storage.service';
import { BatchRecall, RecallContact, RecallContactStatus } from './recall.entity';
import { Stocktake, StocktakeLine, StocktakeStatus } from './stocktake.entity';
import { MAX_COUNTS } from './stocktake.service';

/** GraphQL inputs and outputs of stock control: alerts, storage conditions (readings, excursions), stocktakes, recall outreach. */

export const StockAlertConnection = Connection(StockAlert);
export const StorageExcursionConnection = Connection(StorageExcursion);
export const StorageReadingConnection = Connection(StorageReading);

export const { Filter: StockAlertFilter, Sort: StockAlertSort } = defineListInputs('StockAlert', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    kind: enumComparison('StockAlertKind', StockAlertKind),
    warehouseId: IDFilterComparison,
    zoneId: IDFilterComparison,
    productId: IDFilterComparison,
    batchId: IDFilterComparison,
    acknowledgedAt: DateFieldComparison,
    createdAt: DateFieldComparison,
  },
  sort: ['createdAt', 'kind'] as const,
});

export const { Filter: StorageExcursionFilter, Sort: StorageExcursionSort } = defineListInputs('StorageExcursion', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, warehouseId: IDFilterComparison, zoneId: IDFilterComparison, status: enumComparison('ExcursionStatus', ExcursionStatus), startedAt: DateFieldComparison },
  sort: ['startedAt', 'endedAt'] as const,
});

export const { Filter: StorageReadingFilter, Sort: StorageReadingSort } = defineListInputs('StorageReading', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, warehouseId: IDFilterComparison, zoneId: IDFilterComparison, source: enumComparison('ReadingSource', ReadingSource), inRange: BooleanFieldComparison, recordedAt: DateFieldComparison },
  sort: ['recordedAt'] as const,
});

@InputType()
export class StorageReadingInput {
  @Field(() => ID) zoneId!: string;
  @Field({ description: 'When it was measured.' }) recordedAt!: Date;
  @Field(() => Float, { nullable: true, description: '°C' }) temperature?: number | null;
  @Field(() => Float, { nullable: true, description: 'Relative humidity, %.' }) humidity?: number | null;
  @Field(() => String, { nullable: true, description: 'The sensor (with recordedAt, what makes a reading unique when no readingId is sent).' }) @IsOptional() @Length(1, 100) sensorId?: string | null;
  @Field(() => String, { nullable: true, description: 'Your id of the reading: sending it again is ignored.' }) @IsOptional() @Length(1, 200) readingId?: string | null;
}

@InputType()
export class RecordStorageReadingsInput {
  @Field(() => [StorageReadingInput])
  @ArrayMinSize(1, { message: 'send at least one reading' })
  @ArrayMaxSize(MAX_READINGS, { message: `at most ${MAX_READINGS} readings per call` })
  @ValidateNested()
  readings!: StorageReadingInput[];
}

@ObjectType()
export class RecordStorageReadingsResult {
  @Field(() => Int, { description: 'New readings stored.' }) accepted!: number;
  @Field(() => Int, { description: 'Readings already on file (sent before), ignored.' }) duplicates!: number;
  @Field(() => [StorageExcursion], { description: 'Excursions these readings opened (their zones are now on hold).' }) excursionsOpened!: StorageExcursion[];
}

@InputType()
export class ReleaseStorageZoneInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'The zone version you saw; CONFLICT if it changed since.' }) version?: number | null;
  @Field({ description: 'What was checked (equipment, the goods) before releasing.' }) @Length(1, 1000, { message: 'note must be 1 to 1000 characters' }) note!: string;
}

@ObjectType()
export class StorageReadingBucket {
  @Field() bucketStart!: Date;
  @Field(() => Int) readings!: number;
  @Field(() => Float, { nullable: true }) minTemperature!: number | null;
  @Field(() => Float, { nullable: true }) avgTemperature!: number | null;
  @Field(() => Float, { nullable: true }) maxTemperature!: number | null;
  @Field(() => Float, { nullable: true }) minHumidity!: number | null;
  @Field(() => Float, { nullable: true }) avgHumidity!: number | null;
  @Field(() => Float, { nullable: true }) maxHumidity!: number | null;
  @Field(() => Int, { description: 'Readings out of the zone’s limits in this bucket.' }) outOfRange!: number;
}

// ---------------------------------------------------------------------------- stocktakes

export const StocktakeConnection = Connection(Stocktake);
export const StocktakeLineConnection = Connection(StocktakeLine);

export const { Filter: StocktakeFilter, Sort: StocktakeSort } = defineListInputs('Stocktake', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, warehouseId: IDFilterComparison, zoneId: IDFilterComparison, status: enumComparison('StocktakeStatus', StocktakeStatus), countNo: StringFieldComparison, createdAt: DateFieldComparison },
  sort: ['createdAt', 'countNo', 'status'] as const,
});

export const { Filter: StocktakeLineFilter, Sort: StocktakeLineSort } = defineListInputs('StocktakeLine', {
  filter: { id: IDFilterComparison, zoneId: IDFilterComparison, productId: IDFilterComparison, batchId: IDFilterComparison, recountRequired: BooleanFieldComparison, countedQuantity: IntFieldComparison, foundDuringCount: BooleanFieldComparison },
  sort: ['zoneId', 'expiryDate', 'countedAt', 'id'] as const,
});

@InputType()
export class OpenStocktakeInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID, { nullable: true, description: 'Count one zone; leave empty for the whole warehouse.' }) zoneId?: string | null;
  @Field({ nullable: true, description: 'Blind count (default true): counters never see book quantities or variances.' }) blind?: boolean;
  @Field(() => Int, { nullable: true, description: 'First counts off by more than this many units must be recounted (default 0: any difference).' }) @IsOptional() @Min(0, { message: 'recountThreshold cannot be negative' }) @Max(1_000_000) recountThreshold?: number | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 500) note?: string | null;
}

@InputType()
export class StocktakeCountInput {
  @Field(() => ID, { nullable: true, description: 'The line counted; or batchId + zoneId for goods found that are not on the sheet.' }) lineId?: string | null;
  @Field(() => ID, { nullable: true }) batchId?: string | null;
  @Field(() => ID, { nullable: true }) zoneId?: string | null;
  @Field(() => Int, { description: 'What is on the shelf (0 or more).' }) quantity!: number;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 500) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'The line version you saw; CONFLICT if someone counted it meanwhile.' }) version?: number | null;
}

@InputType()
export class RecordStocktakeCountsInput {
  @Field(() => ID) stocktakeId!: string;
  @Field(() => [StocktakeCountInput]) @ArrayMinSize(1, { message: 'send at least one count' }) @ArrayMaxSize(MAX_COUNTS, { message: `at most ${MAX_COUNTS} counts per call` }) @ValidateNested() counts!: StocktakeCountInput[];
}

@InputType()
export class StocktakeVersionInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you saw; CONFLICT if the sheet changed since.' }) version!: number;
}

@InputType()
export class RequestStocktakeRecountInput extends StocktakeVersionInput {
  @Field(() => [ID]) @ArrayMinSize(1, { message: 'name at least one line to recount' }) @ArrayMaxSize(MAX_COUNTS) lineIds!: string[];
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@InputType()
export class CancelStocktakeInput extends StocktakeVersionInput {
  @Field() @Length(1, 500, { message: 'reason must be 1 to 500 characters' }) reason!: string;
}

@ObjectType()
export class StocktakeCountResult {
  @Field(() => Stocktake) stocktake!: Stocktake;
  @Field(() => [StocktakeLine], { description: 'The lines just counted, as the caller may see them.' }) lines!: StocktakeLine[];
}

// ---------------------------------------------------------------------------- recall outreach

export const RecallContactConnection = Connection(RecallContact);

export const { Filter: RecallContactFilter, Sort: RecallContactSort } = defineListInputs('RecallContact', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, warehouseId: IDFilterComparison, customerId: IDFilterComparison, status: enumComparison('RecallContactStatus', RecallContactStatus), documentNo: StringFieldComparison },
  sort: ['createdAt', 'status', 'documentNo'] as const,
});

@InputType()
export class StartRecallOutreachInput {
  @Field(() => ID) recallId!: string;
  @Field({ nullable: true, description: 'Open a case per customer known (default true); else only the contact list.' }) openCases?: boolean;
}

@ObjectType()
export class RecallOutreachResult {
  @Field(() => BatchRecall) recall!: BatchRecall;
  @Field(() => Int, { description: 'Recipients added to the contact list (those already on it are left as they are).' }) contactsCreated!: number;
  @Field(() => Int) casesOpened!: number;
}

@InputType()
export class RecordRecallOutcomeInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => RecallContactStatus, { description: 'CONTACTED, RETURNED or UNREACHABLE.' }) status!: RecallContactStatus;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(0, 1000) note?: string | null;
  @Field(() => Int, { nullable: true, description: 'With RETURNED: units that came back (default: all the document took).' }) returnedQuantity?: number | null;
}

@ObjectType({ description: 'How far the outreach of a recall got (recipients in your reach).' })
export class RecallProgress {
  @Field(() => Int) recipients!: number;
  @Field(() => Int) pending!: number;
  @Field(() => Int) contacted!: number;
  @Field(() => Int) returned!: number;
  @Field(() => Int) unreachable!: number;
  @Field(() => Int, { description: 'Units of the lot returned so far.' }) returnedQuantity!: number;
}

// ---------------------------------------------------------------------------- low stock

export const StockMinimumConnection = Connection(StockMinimum);

export const { Filter: StockMinimumFilter, Sort: StockMinimumSort } = defineListInputs('StockMinimum', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, warehouseId: IDFilterComparison, productId: IDFilterComparison, minQuantity: IntFieldComparison, lowSince: DateFieldComparison },
  sort: ['updatedAt', 'minQuantity', 'lowSince'] as const,
});

@InputType()
export class SetStockMinimumInput {
  @Field(() => ID) warehouseId!: string;
  @Field(() => ID) productId!: string;
  @Field(() => Int, { description: 'Alert when usable stock falls below this; 0 turns the alert off.' }) minQuantity!: number;
  @Field(() => Int, { nullable: true, description: 'The version you saw; CONFLICT if it changed since.' }) version?: number | null;
}
