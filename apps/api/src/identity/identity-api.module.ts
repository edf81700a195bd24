import { Module } from '@nestjs/common';
import { IdentityModule } from '#identity';
import { SessionResolver } from './session.resolver.js';
import { ViewerResolver } from './viewer.resolver.js';

@Module({
  imports: [IdentityModule],
  providers: [SessionResolver, ViewerResolver],
})
export class IdentityApiModule {}
