import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, MaxLength } from 'class-validator';
import { Node } from '../graphql/relay/node.interface.js';
import {
  OrganizationModel,
  RoleModel,
  SecondFactorPolicyModel,
  UserModel,
} from './identity.model.js';

export enum LocaleModel {
  EN = 'en',
  ZH_CN = 'zh-CN',
}
registerEnumType(LocaleModel, {
  name: 'Locale',
  description: 'Language of what Assay writes to a person.',
});

@ObjectType('Member', {
  implements: () => [Node],
  description: 'A user’s membership of the organization.',
})
export class MemberModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => RoleModel)
  role!: RoleModel;

  @Field()
  joinedAt!: Date;
}

@ObjectType('MemberInvitation')
export class MemberInvitationModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field(() => RoleModel)
  role!: RoleModel;

  @Field()
  expiresAt!: Date;
}

@InputType()
export class InviteMemberInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => RoleModel)
  @IsEnum(RoleModel)
  role!: RoleModel;

  @Field(() => LocaleModel, {
    defaultValue: LocaleModel.EN,
    description: 'Language of the invitation email.',
  })
  @IsEnum(LocaleModel)
  locale!: LocaleModel;
}

@ObjectType()
export class InviteMemberPayload {
  @Field(() => MemberInvitationModel)
  invitation!: MemberInvitationModel;
}

/** A token from an email, with the account to create when the address has none yet. */
@InputType({ isAbstract: true })
export class EmailedTokenInput {
  @Field({ nullable: true, description: 'Required when the address has no account yet.' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  password?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  displayName?: string;
}

@InputType()
export class AcceptMemberInvitationInput extends EmailedTokenInput {
  @Field({ description: 'The token from the invitation email.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

@ObjectType()
export class AcceptMemberInvitationPayload {
  @Field({ description: 'The account that joined: sign in with it.' })
  email!: string;

  @Field({ description: 'The organization joined.' })
  organizationName!: string;

  @Field(() => ID, { description: 'Pass to signIn to act in this organization.' })
  organizationId!: string;

  @Field(() => RoleModel)
  role!: RoleModel;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID)
  @IsString()
  memberId!: string;

  @Field(() => RoleModel)
  @IsEnum(RoleModel)
  role!: RoleModel;
}

@ObjectType()
export class ChangeMemberRolePayload {
  @Field(() => MemberModel)
  member!: MemberModel;
}

@InputType()
export class RemoveMemberInput {
  @Field(() => ID)
  @IsString()
  memberId!: string;
}

@ObjectType()
export class RemoveMemberPayload {
  @Field(() => ID)
  removedMemberId!: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => LocaleModel, { defaultValue: LocaleModel.EN })
  @IsEnum(LocaleModel)
  locale!: LocaleModel;
}

@ObjectType()
export class RequestPasswordResetPayload {
  @Field({
    description: 'Always true: the answer does not tell whether the address has an account.',
  })
  accepted!: boolean;
}

@InputType()
export class UpdateOrganizationSettingsInput {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @Field(() => SecondFactorPolicyModel, { nullable: true })
  @IsOptional()
  @IsEnum(SecondFactorPolicyModel)
  secondFactorPolicy?: SecondFactorPolicyModel;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Show vendor contacts the overall score of their submitted assessments.',
  })
  @IsOptional()
  @IsBoolean()
  shareScoreWithVendor?: boolean | null;
}

@ObjectType()
export class UpdateOrganizationSettingsPayload {
  @Field(() => OrganizationModel)
  organization!: OrganizationModel;
}
