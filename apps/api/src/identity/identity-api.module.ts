import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { ApiKeyResolver } from './api-key.resolver.js';
import { SessionResolver } from './session.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

@Module({
  imports: [IdentityModule],
  providers: [ApiKeyResolver, SessionResolver, ViewerResolver],
})
export class IdentityApiModule {}
