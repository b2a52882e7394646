import { ArrayMaxSize, IsOptional, Length } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'A team under a store, branch center or department in your scope.' })
export class TeamInput {
  @Field(() => ID) orgUnitId!: string;
  @Field() @Length(1, 60) name!: string;
  @Field(() => [ID], { defaultValue: [], description: 'Members; one already in another team moves to this one.' }) @ArrayMaxSize(500) memberIds!: string[];
  @Field(() => ID, { nullable: true, description: 'The leader (班组长): one of the members.' }) @IsOptional() leaderId?: string | null;
}

@InputType()
export class TeamUpdate {
  @Field({ nullable: true }) @IsOptional() @Length(1, 60) name?: string;
  @Field(() => [ID], { nullable: true, description: 'The whole member list; one already in another team moves to this one.' }) @IsOptional() @ArrayMaxSize(500) memberIds?: string[];
  @Field(() => ID, { nullable: true, description: 'The leader (班组长): one of the members; null for none. A leader who leaves the members is no longer the leader.' }) @IsOptional() leaderId?: string | null;
}

@InputType()
export class UpdateOneTeamInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { description: 'The version you edited; a newer one on the server is a CONFLICT.' }) version!: number;
  @Field(() => TeamUpdate) update!: TeamUpdate;
}
