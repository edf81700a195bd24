import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES, WebhookDeliveryStatus, type WebhookEventType } from '#webhook';
import { WebhookDeliveryStatusEnum, WebhookEventTypeEnum } from './webhook.model.js';

@InputType()
export class CreateWebhookEndpointInput {
  @Field({
    description:
      'https:// URL; its host must resolve to public addresses only (see WEBHOOK_ALLOWED_ADDRESSES).',
  })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @Field(() => [WebhookEventTypeEnum])
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes!: WebhookEventType[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;
}

@InputType()
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  @IsString()
  endpointId!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  url?: string | null;

  @Field(() => [WebhookEventTypeEnum], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[] | null;

  @Field(() => String, { nullable: true, description: 'An empty string removes it.' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType()
export class WebhookEndpointIdInput {
  @Field(() => ID)
  @IsString()
  endpointId!: string;
}

@InputType()
export class RotateWebhookSecretInput extends WebhookEndpointIdInput {}

@InputType()
export class DeleteWebhookEndpointInput extends WebhookEndpointIdInput {}

@InputType()
export class RedeliverWebhookInput {
  @Field(() => ID)
  @IsString()
  deliveryId!: string;
}

@InputType()
export class WebhookDeliveryFilterInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsString()
  endpointId?: string | null;

  @Field(() => [WebhookDeliveryStatusEnum], { nullable: true })
  @IsOptional()
  @IsEnum(WebhookDeliveryStatus, { each: true })
  statuses?: WebhookDeliveryStatus[] | null;

  @Field(() => WebhookEventTypeEnum, { nullable: true })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_TYPES)
  eventType?: WebhookEventType | null;
}
