import { ArgsType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Facts about the running API, for status pages and support.' })
export class ServerInfo {
  @Field({ description: 'PharmaDesk API version.' })
  version!: string;

  @Field({ description: 'Server time; clients use it to correct their clocks for SLA countdowns.' })
  now!: Date;

  @Field({ description: 'PostgreSQL server version in use.' })
  databaseVersion!: string;
}

@ObjectType()
export class ServerTime {
  @Field()
  now!: Date;
}

@ArgsType()
export class ServerTimeArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Seconds between ticks, 1..60.' })
  intervalSeconds!: number;
}
