import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsString } from 'class-validator';
import { AuditEventModel } from '../audit/audit.model.js';
import { UserModel, ViewerMembershipModel } from './identity.model.js';

@ObjectType('SignInRecord', {
  description: 'One sign-in (refresh token family member) of the user.',
})
export class SignInRecordModel {
  @Field()
  createdAt!: Date;

  @Field()
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  ip!: string | null;
}

@ObjectType('PersonalData', { description: 'Everything Assay keeps about the signed-in user.' })
export class PersonalDataModel {
  @Field(() => UserModel)
  user!: UserModel;

  @Field()
  createdAt!: Date;

  @Field()
  secondFactorEnabled!: boolean;

  @Field(() => [ViewerMembershipModel])
  memberships!: ViewerMembershipModel[];

  @Field(() => [SignInRecordModel])
  signIns!: SignInRecordModel[];

  @Field(() => [AuditEventModel], {
    description: 'What the user did, and what was done to them, everywhere.',
  })
  activity!: AuditEventModel[];
}

@InputType()
export class EraseMemberDataInput {
  @Field(() => ID, {
    description: 'The User id of a former member (from members, before removal).',
  })
  @IsString()
  userId!: string;
}

@ObjectType()
export class EraseMemberDataPayload {
  @Field(() => ID)
  erasedUserId!: string;
}
