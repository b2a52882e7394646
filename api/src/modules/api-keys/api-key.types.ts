import { ArrayMaxSize, IsOptional, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateFieldComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { ApiKey } from './api-key.entity';

export const ApiKeyConnection = Connection(ApiKey);

export const { Filter: ApiKeyFilter, Sort: ApiKeySort } = defineListInputs('ApiKey', {
  filter: { id: IDFilterComparison, name: StringFieldComparison, prefix: StringFieldComparison, orgUnitId: IDFilterComparison, createdAt: DateFieldComparison, revokedAt: DateFieldComparison, expiresAt: DateFieldComparison },
  sort: ['name', 'createdAt', 'expiresAt', 'lastUsedAt'] as const,
});

@InputType()
export class CreateApiKeyInput {
  @Field({ description: 'Who uses the key, e.g. "WMS integration".' })
  @Length(1, 100)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'Org unit the key reaches (and what is under it); yours by default.' })
  orgUnitId?: string;

  @Field(() => [String], { description: 'A subset of your own permissions.' })
  @ArrayMaxSize(100)
  permissions!: string[];

  @Field(() => Date, { nullable: true, description: 'When the key stops working; none by default.' })
  expiresAt?: Date | null;

  @Field(() => Int, { nullable: true, description: 'Requests per minute (default from the server configuration).' })
  @IsOptional()
  @Min(1)
  @Max(100_000)
  rateLimitPerMinute?: number;
}

@InputType()
export class RotateApiKeyInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { defaultValue: 0, description: 'Minutes the old key keeps working, so the partner can switch (0..1440).' })
  @Min(0)
  @Max(1440)
  gracePeriodMinutes!: number;
}

@ObjectType({ description: 'A new key. The secret is shown this once and cannot be read again.' })
export class IssuedApiKey {
  @Field(() => ApiKey)
  apiKey!: ApiKey;

  @Field({ description: 'Send it as `X-Api-Key: <secret>` (or `Authorization: ApiKey <secret>`).' })
  secret!: string;
}
