export { Membership } from './membership.entity.js';
export { Organization, type SecondFactorPolicy } from './organization.entity.js';
export { Role } from './role.js';
export { User } from './user.entity.js';
export { IDENTITY_ENTITIES, IdentityModule } from './identity.module.js';
