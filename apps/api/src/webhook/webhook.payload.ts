import { Field, ID, ObjectType } from '@nestjs/graphql';
import { WebhookDeliveryModel, WebhookEndpointModel } from './webhook.model.js';

const SECRET_ONCE =
  'The signing secret (`whsec_…`), shown this once: keep it to verify `Assay-Signature`.';

@ObjectType()
export class CreateWebhookEndpointPayload {
  @Field(() => WebhookEndpointModel)
  endpoint!: WebhookEndpointModel;

  @Field({ description: SECRET_ONCE })
  secret!: string;
}

@ObjectType()
export class UpdateWebhookEndpointPayload {
  @Field(() => WebhookEndpointModel)
  endpoint!: WebhookEndpointModel;
}

@ObjectType()
export class RotateWebhookSecretPayload {
  @Field(() => WebhookEndpointModel)
  endpoint!: WebhookEndpointModel;

  @Field({ description: `${SECRET_ONCE} The old secret stops signing at once.` })
  secret!: string;
}

@ObjectType()
export class DeleteWebhookEndpointPayload {
  @Field(() => ID)
  deletedEndpointId!: string;
}

@ObjectType()
export class RedeliverWebhookPayload {
  @Field(() => WebhookDeliveryModel)
  delivery!: WebhookDeliveryModel;
}
