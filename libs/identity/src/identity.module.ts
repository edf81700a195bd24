import { Module } from '@nestjs/common';
import { DatabaseModule } from '#core';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';

export const IDENTITY_ENTITIES = [Organization, User, Membership];

/** Organizations, users, memberships, sign-in and access control. */
@Module({
  imports: [DatabaseModule.forFeature(IDENTITY_ENTITIES)],
})
export class IdentityModule {}
