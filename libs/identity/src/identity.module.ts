import { Module } from '@nestjs/common';
import { AuditModule } from '#audit';
import { DatabaseModule } from '#core';
import { NotificationModule } from '#notification';
import { ApiKey } from './api-key/api-key.entity.js';
import { ApiKeyService } from './api-key/api-key.service.js';
import { MemberInvitation } from './member/member-invitation.entity.js';
import { MemberService } from './member/member.service.js';
import { Membership } from './membership.entity.js';
import { OrganizationService } from './organization/organization.service.js';
import { Organization } from './organization.entity.js';
import { PasswordHasher } from './password/password-hasher.js';
import { PasswordToken } from './password/password-token.entity.js';
import { PasswordService } from './password/password.service.js';
import { AccessTokens } from './session/access-tokens.js';
import { AuthenticationService } from './session/authentication.service.js';
import { PersonalDataService } from './personal-data/personal-data.service.js';
import { QueueBoardSessions } from './session/queue-board-sessions.js';
import { RefreshSession } from './session/refresh-session.entity.js';
import { SecondFactorChallenges } from './second-factor/second-factor-challenges.js';
import { RecoveryCode, SecondFactor } from './second-factor/second-factor.entity.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { SessionService } from './session/session.service.js';
import { SignUp } from './sign-up/sign-up.entity.js';
import { SignUpService } from './sign-up/sign-up.service.js';
import { VendorContactTokens } from './session/vendor-contact-tokens.js';
import { User } from './user.entity.js';

export const IDENTITY_ENTITIES = [
  Organization,
  User,
  Membership,
  RefreshSession,
  PasswordToken,
  ApiKey,
  MemberInvitation,
  SecondFactor,
  RecoveryCode,
  SignUp,
];

const SERVICES = [
  AccessTokens,
  ApiKeyService,
  AuthenticationService,
  MemberService,
  OrganizationService,
  PasswordHasher,
  PasswordService,
  PersonalDataService,
  QueueBoardSessions,
  SecondFactorChallenges,
  SecondFactorService,
  SessionService,
  SignUpService,
  VendorContactTokens,
];

/** Organizations, users, memberships, sign-in and access control. */
@Module({
  imports: [DatabaseModule.forFeature(IDENTITY_ENTITIES), AuditModule, NotificationModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class IdentityModule {}
