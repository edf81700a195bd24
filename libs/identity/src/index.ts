export { ApiKey } from './api-key/api-key.entity.js';
export {
  ApiKeyService,
  type CreatedApiKey,
  type VerifiedApiKey,
} from './api-key/api-key.service.js';
export { normalizeEmail } from './email.js';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module.js';
export { MemberInvitation } from './member/member-invitation.entity.js';
export {
  INVITATION_TTL_DAYS,
  MemberService,
  type AcceptedInvitation,
} from './member/member.service.js';
export { Membership } from './membership.entity.js';
export { Organization, type SecondFactorPolicy } from './organization.entity.js';
export {
  OrganizationService,
  type CreatedOrganization,
  type ViewerMembership,
} from './organization/organization.service.js';
export { ARGON2_OPTIONS, PasswordHasher } from './password/password-hasher.js';
export { MIN_PASSWORD_LENGTH, checkPassword } from './password/password-policy.js';
export { PasswordToken, type PasswordTokenPurpose } from './password/password-token.entity.js';
export { PasswordService } from './password/password.service.js';
export { AccessTokens, type AccessClaims } from './session/access-tokens.js';
export {
  AuthenticationService,
  type Authentication,
  type Credentials,
} from './session/authentication.service.js';
export { RefreshSession } from './session/refresh-session.entity.js';
export {
  QUEUE_BOARD_SESSION_TTL_SECONDS,
  QueueBoardSessions,
  type QueueBoardSession,
} from './session/queue-board-sessions.js';
export {
  PersonalDataService,
  erasedEmail,
  type PersonalData,
} from './personal-data/personal-data.service.js';
export { RecoveryCode, SecondFactor } from './second-factor/second-factor.entity.js';
export { SecondFactorService, type Enrollment } from './second-factor/second-factor.service.js';
export {
  SessionService,
  type IssuedSession,
  type SecondFactorChallenge,
  type SignInResult,
} from './session/session.service.js';
export { SignUp } from './sign-up/sign-up.entity.js';
export { SignUpService } from './sign-up/sign-up.service.js';
export { User } from './user.entity.js';
export {
  VENDOR_AUDIENCE,
  VendorContactTokens,
  type VendorContactClaims,
} from './session/vendor-contact-tokens.js';
export { emailRequestLimits } from './abuse-limits.js';
