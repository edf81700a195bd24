import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { ApiKeyScope } from '#core';
import { Node } from '../graphql/relay/node.interface.js';

export enum ApiKeyScopeModel {
  READ = ApiKeyScope.Read,
  WRITE = ApiKeyScope.Write,
}
registerEnumType(ApiKeyScopeModel, {
  name: 'ApiKeyScope',
  description:
    'READ: what a viewer may read. WRITE: also the changes integrations may make (includes READ).',
});

@ObjectType('ApiKey', { implements: () => [Node], description: 'A credential for an integration.' })
export class ApiKeyModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'The visible start of the key, `assay_<prefix>_…`, to recognise it.' })
  prefix!: string;

  @Field(() => [ApiKeyScopeModel])
  scopes!: ApiKeyScopeModel[];

  @Field()
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;
}

@InputType()
export class CreateApiKeyInput {
  @Field()
  @IsString()
  @MaxLength(100)
  name!: string;

  @Field(() => [ApiKeyScopeModel])
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @IsEnum(ApiKeyScopeModel, { each: true })
  scopes!: ApiKeyScopeModel[];

  @Field({ nullable: true, description: 'When the key stops working; never when omitted.' })
  @IsOptional()
  @IsDate()
  expiresAt?: Date;
}

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKeyModel)
  apiKey!: ApiKeyModel;

  @Field({
    description: 'The key, shown this once: send it as `X-Api-Key` or `Authorization: Bearer`.',
  })
  key!: string;
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID)
  @IsString()
  id!: string;
}

@ObjectType()
export class RevokeApiKeyPayload {
  @Field(() => ApiKeyModel)
  apiKey!: ApiKeyModel;
}
