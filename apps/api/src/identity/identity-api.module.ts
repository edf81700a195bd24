import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { ApiKeyResolver } from './api-key.resolver.js';
import { MemberResolver } from './member.resolver.js';
import { PersonalDataResolver } from './personal-data.resolver.js';
import { SessionResolver } from './session.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

@Module({
  imports: [IdentityModule],
  providers: [
    ApiKeyResolver,
    MemberResolver,
    PersonalDataResolver,
    SessionResolver,
    ViewerResolver,
  ],
})
export class IdentityApiModule {}
