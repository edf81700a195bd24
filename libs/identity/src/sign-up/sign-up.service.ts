import { Injectable } from '@nestjs/common';
import {
  AppConfig,
  Clock,
  DomainException,
  ErrorCode,
  RateLimiter,
  TransactionalConnection,
  hashToken,
  randomToken,
  type RequestContext,
  guessLimits,
} from '#core';
import { EmailService, type Locale } from '#notification';
import { emailRequestLimits } from '../abuse-limits.js';
import { normalizeEmail } from '../email.js';
import {
  OrganizationService,
  type CreatedOrganization,
} from '../organization/organization.service.js';
import { PasswordHasher } from '../password/password-hasher.js';
import { checkPassword } from '../password/password-policy.js';
import { User } from '../user.entity.js';
import { SignUp } from './sign-up.entity.js';

const SIGN_UP_TTL_HOURS = 24;

/**
 * Self-service sign-up, when SIGNUP_ENABLED allows it. The answer never says whether the email
 * has an account: a single-use link goes to the mailbox, and following it creates the
 * organization with that address as its admin.
 */
@Injectable()
export class SignUpService {
  constructor(
    private readonly connection: TransactionalConnection,
    private readonly organizations: OrganizationService,
    private readonly emails: EmailService,
    private readonly hasher: PasswordHasher,
    private readonly limiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async request(
    ctx: RequestContext,
    input: { organizationName: string; email: string; locale: Locale },
  ): Promise<void> {
    this.assertOpen();
    const email = normalizeEmail(input.email);
    const organizationName = input.organizationName.trim();
    if (!organizationName) {
      throw DomainException.badUserInput('The organization needs a name', [
        { path: 'input.organizationName', message: 'must not be empty' },
      ]);
    }
    const rules = emailRequestLimits('sign-up', ctx.ip, email);
    await this.connection.transaction(ctx, async (tx) => {
      await this.limiter.assertAllowed(tx, rules);
      await this.limiter.recordFailure(tx, rules);
    });
    await this.connection.systemTransaction(ctx, async (tx) => {
      const token = randomToken();
      const expiresAt = new Date(this.clock.now().getTime() + SIGN_UP_TTL_HOURS * 3_600_000);
      const signUps = await this.connection.repository(tx, SignUp);
      await signUps.insert(
        signUps.create({
          email,
          organizationName,
          tokenHash: hashToken(token),
          expiresAt,
          completedAt: null,
        }),
      );
      await this.emails.send(tx, {
        to: email,
        template: 'sign-up',
        locale: input.locale,
        params: {
          organizationName,
          apiUrl: `${this.config.publicUrl}/graphql`,
          expiresAt: expiresAt.toISOString(),
        },
        secretParams: { token },
      });
    });
  }

  /** Creates the organization of a confirmed sign-up. A new account needs a password. */
  async complete(
    ctx: RequestContext,
    input: { token: string; password?: string | null; displayName?: string | null },
  ): Promise<CreatedOrganization> {
    this.assertOpen();
    return this.limiter.guard(ctx, guessLimits(this.config, 'sign-up-token', ctx.ip), () =>
      this.connection.systemTransaction(ctx, async (tx) => {
        const signUps = await this.connection.repository(tx, SignUp);
        const signUp = await signUps.findOne({
          where: { tokenHash: hashToken(input.token) },
          lock: { mode: 'pessimistic_write' },
        });
        if (!signUp || signUp.completedAt || signUp.expiresAt <= this.clock.now()) {
          throw new DomainException(
            ErrorCode.BadUserInput,
            'This link is not valid any more: sign up again',
            {
              fields: [{ path: 'input.token', message: 'unknown, used or expired' }],
            },
          );
        }
        const users = await this.connection.repository(tx, User);
        if (!(await users.findOneBy({ email: signUp.email }))) {
          if (!input.password) {
            throw DomainException.badUserInput('Choose a password for your new account', [
              { path: 'input.password', message: 'required for a new account' },
            ]);
          }
          checkPassword(input.password, signUp.email, 'input.password');
          await users.insert(
            users.create({
              email: signUp.email,
              displayName: input.displayName?.trim() || signUp.email,
              passwordHash: await this.hasher.hash(input.password),
            }),
          );
        }
        await signUps.update({ id: signUp.id }, { completedAt: this.clock.now() });
        return this.organizations.createWithAdmin(tx, {
          name: signUp.organizationName,
          adminEmail: signUp.email,
        });
      }),
    );
  }

  private assertOpen(): void {
    if (!this.config.signUpEnabled) {
      throw DomainException.forbidden(
        'Sign-up is not open here: ask an administrator for an invitation',
      );
    }
  }
}
