import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from '#core';
import { Node } from '../graphql/relay/node.interface.js';

/** Role for GraphQL: the same values as the domain's Role, named as GraphQL enums are. */
export enum RoleModel {
  ADMIN = Role.Admin,
  PROCUREMENT = Role.Procurement,
  RISK_OWNER = Role.RiskOwner,
  VIEWER = Role.Viewer,
}
registerEnumType(RoleModel, {
  name: 'Role',
  description: 'What a member may do in an organization.',
});

export enum SecondFactorPolicyModel {
  OFF = 'OFF',
  ADMINS = 'ADMINS',
  EVERYONE = 'EVERYONE',
}
registerEnumType(SecondFactorPolicyModel, {
  name: 'SecondFactorPolicy',
  description: 'Who must sign in with a second factor.',
});

@ObjectType('Organization', { implements: () => [Node] })
export class OrganizationModel implements Node {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => SecondFactorPolicyModel)
  secondFactorPolicy!: SecondFactorPolicyModel;

  @Field({
    description:
      'Whether vendor contacts see the overall score of their assessments once submitted (off by default).',
  })
  shareScoreWithVendor!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType('User')
export class UserModel {
  @Field(() => ID)
  id!: string;

  @Field()
  email!: string;

  @Field()
  displayName!: string;
}

@ObjectType('ViewerMembership', { description: 'An organization the viewer belongs to.' })
export class ViewerMembershipModel {
  @Field(() => OrganizationModel)
  organization!: OrganizationModel;

  @Field(() => RoleModel)
  role!: Role;
}

@ObjectType('Viewer', { description: 'Who is signed in, and in which organization.' })
export class ViewerModel {
  @Field(() => UserModel)
  user!: UserModel;

  @Field(() => OrganizationModel, { description: 'The organization this session acts in.' })
  organization!: OrganizationModel;

  @Field(() => RoleModel)
  role!: Role;

  @Field(() => [ViewerMembershipModel], {
    description: 'Every organization of the user; sign in again with its id to switch.',
  })
  memberships!: ViewerMembershipModel[];
}

@ObjectType('Session', {
  description: 'Tokens of a sign-in. The refresh token is shown this once.',
})
export class SessionModel {
  @Field({ description: 'Send as `Authorization: Bearer <accessToken>`.' })
  accessToken!: string;

  @Field()
  accessTokenExpiresAt!: Date;

  @Field({
    description: 'Exchange with refreshSession before the access token expires; works once.',
  })
  refreshToken!: string;

  @Field()
  refreshTokenExpiresAt!: Date;

  @Field(() => ID, { description: 'The organization the session acts in.' })
  organizationId!: string;

  @Field(() => RoleModel)
  role!: Role;
}
