import type { IssuedSession, Membership, Organization, User } from '#identity';
import { toGlobalId } from '../graphql/relay/global-id.js';
import { MemberModel } from './member.model.js';
import {
  OrganizationModel,
  type RoleModel,
  SecondFactorPolicyModel,
  SessionModel,
  UserModel,
} from './identity.model.js';

export const ORGANIZATION_TYPE = 'Organization';
export const USER_TYPE = 'User';
export const MEMBER_TYPE = 'Member';

export function toOrganizationModel(organization: Organization): OrganizationModel {
  return Object.assign(new OrganizationModel(), {
    id: toGlobalId(ORGANIZATION_TYPE, organization.id),
    name: organization.name,
    secondFactorPolicy: SecondFactorPolicyModel[organization.secondFactorPolicy],
    shareScoreWithVendor: organization.shareScoreWithVendor,
    createdAt: organization.createdAt,
  });
}

export function toUserModel(user: User): UserModel {
  return Object.assign(new UserModel(), {
    id: toGlobalId(USER_TYPE, user.id),
    email: user.email,
    displayName: user.displayName,
  });
}

export function toSessionModel(session: IssuedSession): SessionModel {
  return Object.assign(new SessionModel(), {
    accessToken: session.accessToken,
    accessTokenExpiresAt: session.accessTokenExpiresAt,
    refreshToken: session.refreshToken,
    refreshTokenExpiresAt: session.refreshTokenExpiresAt,
    organizationId: toGlobalId(ORGANIZATION_TYPE, session.organizationId),
    role: session.role,
  });
}

/** A membership (with its user loaded) as a Member. */
export function toMemberModel(membership: Membership): MemberModel {
  return Object.assign(new MemberModel(), {
    id: toGlobalId(MEMBER_TYPE, membership.id),
    user: toUserModel(membership.user!),
    role: membership.role as unknown as RoleModel,
    joinedAt: membership.createdAt,
  });
}
