import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { DomainException, ErrorCode, type RequestContext } from '#core';
import { PasswordService, SecondFactorService, SessionService } from '#identity';
import { Allow, MEMBER_ROLES } from '../graphql/access/access-rule.js';
import { Ctx } from '../graphql/graphql-context.js';
import { fromGlobalId } from '../graphql/relay/global-id.js';
import {
  ConfirmSecondFactorPayload,
  DisableSecondFactorPayload,
  EnrollSecondFactorInput,
  EnrollSecondFactorPayload,
  SecondFactorCodeInput,
  VerifySecondFactorInput,
  VerifySecondFactorPayload,
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
    private readonly secondFactors: SecondFactorService,
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
    const result = await this.sessions.signIn(ctx, { ...input, organizationId });
    return 'session' in result
      ? { session: toSessionModel(result.session), secondFactorChallenge: null }
      : { session: null, secondFactorChallenge: result.challenge };
  }

  @Allow({ public: true })
  @Mutation(() => VerifySecondFactorPayload, {
    description: 'Completes a challenged sign-in with a code or a recovery code (each works once).',
  })
  async verifySecondFactor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: VerifySecondFactorInput,
  ): Promise<VerifySecondFactorPayload> {
    const { session, recoveryCodes } = await this.sessions.verifySecondFactor(ctx, input);
    return { session: toSessionModel(session), recoveryCodes };
  }

  @Allow({ public: true })
  @Mutation(() => EnrollSecondFactorPayload, {
    description:
      'Starts setting up an authenticator: signed in, or with a challenge that requires one.',
  })
  async enrollSecondFactor(
    @Ctx() ctx: RequestContext,
    @Args('input', { type: () => EnrollSecondFactorInput, nullable: true })
    input?: EnrollSecondFactorInput,
  ): Promise<EnrollSecondFactorPayload> {
    const userId = input?.challengeToken
      ? await this.sessions.challengedUser(input.challengeToken)
      : ctx.actor.kind === 'user'
        ? ctx.actor.userId
        : null;
    if (!userId) throw new DomainException(ErrorCode.Unauthenticated, 'Sign in first');
    const enrollment = await this.secondFactors.enroll(ctx, userId);
    return { secret: enrollment.secret, otpauthUri: enrollment.uri };
  }

  @Allow({ roles: MEMBER_ROLES })
  @Mutation(() => ConfirmSecondFactorPayload, {
    description: 'Turns the authenticator on with a first code.',
  })
  async confirmSecondFactor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SecondFactorCodeInput,
  ): Promise<ConfirmSecondFactorPayload> {
    if (ctx.actor.kind !== 'user') throw DomainException.forbidden();
    return { recoveryCodes: await this.secondFactors.confirm(ctx, ctx.actor.userId, input.code) };
  }

  @Allow({ roles: MEMBER_ROLES })
  @Mutation(() => DisableSecondFactorPayload, {
    description: 'Turns the authenticator off, with a current code.',
  })
  async disableSecondFactor(
    @Ctx() ctx: RequestContext,
    @Args('input') input: SecondFactorCodeInput,
  ): Promise<DisableSecondFactorPayload> {
    if (ctx.actor.kind !== 'user') throw DomainException.forbidden();
    await this.secondFactors.disable(ctx, ctx.actor.userId, input.code);
    return { disabled: true };
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
