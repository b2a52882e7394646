import { IsOptional, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { BooleanFieldComparison, DateFieldComparison, enumComparison, IDFilterComparison, StringFieldComparison } from '../../core/graphql/filters';
import { defineListInputs } from '../../core/graphql/list';
import { Connection } from '../../core/graphql/paging';
import { NotificationChannel, NotificationMessage, NotificationStatus, NotificationTemplate, SuppressionReason } from './notification.entity';

export const NotificationTemplateConnection = Connection(NotificationTemplate);
export const NotificationMessageConnection = Connection(NotificationMessage);

const channelComparison = enumComparison('NotificationChannel', NotificationChannel);

export const { Filter: NotificationTemplateFilter, Sort: NotificationTemplateSort } = defineListInputs('NotificationTemplate', {
  filter: { id: IDFilterComparison, franchiseId: IDFilterComparison, kind: StringFieldComparison, channel: channelComparison, language: StringFieldComparison, enabled: BooleanFieldComparison },
  sort: ['kind', 'channel', 'language', 'updatedAt'] as const,
});

export const { Filter: NotificationMessageFilter, Sort: NotificationMessageSort } = defineListInputs('NotificationMessage', {
  filter: {
    id: IDFilterComparison,
    franchiseId: IDFilterComparison,
    kind: StringFieldComparison,
    channel: channelComparison,
    status: enumComparison('NotificationStatus', NotificationStatus),
    suppressionReason: enumComparison('SuppressionReason', SuppressionReason),
    customerId: IDFilterComparison,
    refId: IDFilterComparison,
    createdAt: DateFieldComparison,
    sentAt: DateFieldComparison,
  },
  sort: ['createdAt', 'sentAt', 'scheduledFor', 'status', 'channel'] as const,
});

@ObjectType()
export class NotificationPlaceholder {
  @Field() name!: string;
  @Field() description!: string;
}

@ObjectType()
export class NotificationWording {
  @Field() language!: string;
  @Field() subject!: string;
  @Field() body!: string;
}

@ObjectType({ description: 'A kind of message the product sends, the placeholders its templates may use and its built-in wording.' })
export class NotificationKindInfo {
  @Field() key!: string;
  @Field({ description: 'customer or staff.' }) audience!: string;
  @Field() label!: string;
  @Field(() => [NotificationChannel]) channels!: NotificationChannel[];
  @Field(() => [NotificationPlaceholder]) placeholders!: NotificationPlaceholder[];
  @Field(() => [NotificationWording]) defaults!: NotificationWording[];
}

@InputType({ description: 'A franchise’s wording for one kind of message on one channel in one language.' })
export class NotificationTemplateInput {
  @Field(() => ID, { nullable: true, description: 'HQ: the franchise; others write their own franchise’s templates.' }) franchiseId?: string | null;
  @Field() @Length(1, 100) kind!: string;
  @Field(() => NotificationChannel) channel!: NotificationChannel;
  @Field({ nullable: true, defaultValue: 'zh-CN' }) language?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, { message: 'subject is at most 200 characters' }) subject?: string | null;
  @Field() @Length(1, 5000, { message: 'body must be 1 to 5000 characters' }) body!: string;
  @Field({ nullable: true, defaultValue: true }) enabled?: boolean;
}

@InputType()
export class CreateOneNotificationTemplateInput {
  @Field(() => NotificationTemplateInput) template!: NotificationTemplateInput;
}

@InputType()
export class NotificationTemplateUpdate {
  @Field({ nullable: true }) language?: string;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200, { message: 'subject is at most 200 characters' }) subject?: string | null;
  @Field({ nullable: true }) @IsOptional() @Length(1, 5000, { message: 'body must be 1 to 5000 characters' }) body?: string;
  @Field({ nullable: true }) enabled?: boolean;
}

@InputType()
export class UpdateOneNotificationTemplateInput {
  @Field(() => ID) id!: string;
  @Field(() => Int) version!: number;
  @Field(() => NotificationTemplateUpdate) update!: NotificationTemplateUpdate;
}

@InputType()
export class DeleteOneNotificationTemplateInput {
  @Field(() => ID) id!: string;
}

@InputType({ description: 'Quiet hours: no customer message leaves between start and end (local time); both null for none.' })
export class NotificationSettingsInput {
  @Field(() => ID, { nullable: true }) franchiseId?: string | null;
  @Field(() => String, { nullable: true }) quietHoursStart?: string | null;
  @Field(() => String, { nullable: true }) quietHoursEnd?: string | null;
  @Field({ nullable: true }) timeZone?: string;
  @Field(() => Int, { nullable: true, description: 'The version you edited (a stale one is a CONFLICT).' }) version?: number | null;
}

@InputType()
export class SendCustomerMessageInput {
  @Field(() => ID) customerId!: string;
  @Field() @Length(1, 400, { message: 'message must be 1 to 400 characters' }) message!: string;
  @Field(() => NotificationChannel, { nullable: true, description: 'Leave out to use the first channel the customer may be written to on (WeChat, SMS, email).' }) channel?: NotificationChannel | null;
}

@InputType()
export class CustomerOptOutInput {
  @Field(() => ID) customerId!: string;
  @Field(() => NotificationChannel, { nullable: true, description: 'Null: every channel.' }) channel?: NotificationChannel | null;
  @Field() @Length(1, 200) reason!: string;
}

@InputType()
export class CustomerOptInInput {
  @Field(() => ID) customerId!: string;
  @Field(() => NotificationChannel, { nullable: true, description: 'Null: lift every opt-out.' }) channel?: NotificationChannel | null;
}

@InputType()
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true }) ids?: string[] | null;
  @Field(() => Boolean, { nullable: true }) all?: boolean | null;
}

@ObjectType()
export class NotificationCount {
  @Field(() => Int) unread!: number;
}
