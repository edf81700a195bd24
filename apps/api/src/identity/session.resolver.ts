import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DomainException, ErrorCode, type RequestContext } from '#core';
import { PasswordService, SessionService } from '#identity';
import { Allow, MEMBER_ROLES } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import {
  RefreshSessionInput,
  RefreshSessionPayload,
  ResetPasswordInput,
  ResetPasswordPayload,
  SignInInput,
  SignInPayload,
  SignOutInput,
  SignOutPayload,
} from './identity.input.js';
import { ORGANIZATION_TYPE, toSessionModel } from './identity.mapper.js';

@Resolver()
export class SessionResolver {
  constructor(
    private readonly sessions: SessionService,
    private readonly passwords: PasswordService,
  ) {}

  @Allow({ public: true })
  @Mutation(() => SignInPayload, {
    description: 'Email and password to a session. One answer for any failure.',
  })
  async signIn(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SignInInput,
  ): Promise<SignInPayload> {
    let organizationId: string | null = null;
    if (input.organizationId) {
      try {
        organizationId = fromGlobalId(input.organizationId, {
          path: 'input.organizationId',
          expectedType: ORGANIZATION_TYPE,
        }).id;
      } catch {
        throw new DomainException(ErrorCode.Unauthenticated, 'Invalid email or password');
      }
    }
    const session = await this.sessions.signIn(ctx, { ...input, organizationId });
    return { session: toSessionModel(session) };
  }

  @Allow({ public: true })
  @Mutation(() => RefreshSessionPayload, {
    description: 'Rotates the refresh token. Presenting a used one again ends the whole sign-in.',
  })
  async refreshSession(
    @Ctx() ctx: RequestContext,
    @Args('input') input: RefreshSessionInput,
  ): Promise<RefreshSessionPayload> {
    return { session: toSessionModel(await this.sessions.refresh(ctx, input.refreshToken)) };
  }

  @Allow({ roles: MEMBER_ROLES })
  @Mutation(() => SignOutPayload, {
    description: 'Ends this sign-in: its refresh tokens stop working.',
  })
  async signOut(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => SignOutInput, nullable: true }) input?: SignOutInput,
  ): Promise<SignOutPayload> {
    await this.sessions.signOut(ctx, { everywhere: input?.everywhere ?? false });
    return { signedOut: true };
  }

  @Allow({ public: true })
  @Mutation(() => ResetPasswordPayload, {
    description:
      'Sets a password with the token of a password link; every session of the user ends.',
  })
  async resetPassword(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ResetPasswordInput,
  ): Promise<ResetPasswordPayload> {
    const user = await this.passwords.resetPassword(ctx, input);
    return { email: user.email };
  }
}
