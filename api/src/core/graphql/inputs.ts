import { Field, ID, InputType } from 'type-graphql';

/** `deleteOneX(input: { id })`, the Refine convention, shared by every resource. */
@InputType()
export class DeleteOneInput {
  @Field(() => ID) id!: string;
}
