import { Injectable } from '@nestjs/common';
import { SignJWT, errors, jwtVerify } from 'jose';
import { AuditService } from '#audit';
import {
  AuthSecret,
  Clock,
  DomainException,
  ErrorCode,
  RequestContext,
  Role,
  TransactionalConnection,
} from '#core';
import { Membership } from '../membership.entity.js';
import type { Authentication } from './authentication.service.js';
import { RefreshSession } from './refresh-session.entity.js';

const ISSUER = 'assay';
const AUDIENCE = 'assay:queue-board';

/** How long a queue board session lasts: long enough to look around, short if it leaks. */
export const QUEUE_BOARD_SESSION_TTL_SECONDS = 15 * 60;

export interface QueueBoardSession {
  readonly token: string;
  readonly expiresAt: Date;
}

interface QueueBoardClaims {
  readonly userId: string;
  readonly organizationId: string;
  /** The refresh session (sign-in) of the access token the session was opened with. */
  readonly sessionId: string;
}

/**
 * Sessions of the admin queue board (`/admin/queues`), which a browser opens with a cookie
 * instead of an `Authorization` header. An admin exchanges an access token for one; its token
 * is signed with a key and audience of its own (it never passes for an access token, nor one
 * for it) and bound to the user, organization and sign-in. Every use reads the membership role
 * and the sign-in again, so a demotion, a removal or a sign-out ends it at once.
 */
@Injectable()
export class QueueBoardSessions {
  private readonly key: Buffer;

  constructor(
    secret: AuthSecret,
    private readonly connection: TransactionalConnection,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {
    this.key = secret.key('queue-board-session');
  }

  /** A session for the member of `ctx`, who must be an admin now, not only when signing in. */
  async open(ctx: RequestContext): Promise<QueueBoardSession> {
    const actor = ctx.actor;
    const organizationId = ctx.organizationId;
    if (actor.kind !== 'user' || !organizationId) {
      throw DomainException.forbidden('Only a signed-in admin may open the queue board');
    }
    const member = await this.connection.transaction(ctx, async (tx) => {
      const current = await this.currentMember(tx, {
        userId: actor.userId,
        organizationId,
        sessionId: actor.sessionId,
      });
      if (current?.role === Role.Admin) {
        await this.audit.record(tx, {
          action: 'session.queue_board_opened',
          entityType: 'session',
          entityId: current.familyId,
        });
      }
      return current;
    });
    if (!member) {
      throw new DomainException(ErrorCode.Unauthenticated, 'The sign-in has ended: sign in again');
    }
    if (member.role !== Role.Admin)
      throw DomainException.forbidden('Your role does not allow this');
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const expiresAt = now + QUEUE_BOARD_SESSION_TTL_SECONDS;
    const token = await new SignJWT({ org: organizationId, sid: actor.sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(actor.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(expiresAt)
      .sign(this.key);
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }

  /**
   * The member a session token stands for, with the role the membership has now; a reason
   * (reported as UNAUTHENTICATED) for a token that is forged, expired or outlived its sign-in.
   */
  async authenticate(
    token: string,
    request: { readonly requestId: string; readonly ip: string | null },
  ): Promise<Authentication> {
    const claims = await this.verify(token);
    if (claims === 'expired') {
      return { ok: false, reason: 'The queue board session has expired: open it again' };
    }
    if (!claims) return { ok: false, reason: 'The queue board session is not valid' };
    const ctx = RequestContext.create({
      requestId: request.requestId,
      actor: { kind: 'system', name: 'queue-board-session' },
      organizationId: claims.organizationId,
      ip: request.ip,
    });
    const member = await this.connection.transaction(ctx, (tx) => this.currentMember(tx, claims));
    if (!member) return { ok: false, reason: 'The queue board session has ended: sign in again' };
    return {
      ok: true,
      actor: {
        kind: 'user',
        userId: claims.userId,
        role: member.role,
        sessionId: claims.sessionId,
      },
      organizationId: claims.organizationId,
    };
  }

  /**
   * The member's role and sign-in (token family) while the sign-in lasts, that is while a token
   * of its family is neither revoked nor expired; null once it has ended or the member has left.
   */
  private async currentMember(
    ctx: RequestContext,
    claims: QueueBoardClaims,
  ): Promise<{ role: Role; familyId: string } | null> {
    const signIn = await (
      await this.connection.repository(ctx, RefreshSession)
    )
      .createQueryBuilder('session')
      .innerJoin(RefreshSession, 'issued', 'issued.family_id = session.family_id')
      .select('session.family_id', 'familyId')
      .where('issued.id = :sessionId', { sessionId: claims.sessionId })
      .andWhere('session.organization_id = :organizationId', {
        organizationId: claims.organizationId,
      })
      .andWhere('session.user_id = :userId', { userId: claims.userId })
      .andWhere('session.revoked_at IS NULL')
      .andWhere('session.expires_at > :now', { now: this.clock.now() })
      .limit(1)
      .getRawOne<{ familyId: string }>();
    if (!signIn) return null;
    const membership = await (
      await this.connection.repository(ctx, Membership)
    ).findOneBy({ organizationId: claims.organizationId, userId: claims.userId });
    return membership ? { role: membership.role, familyId: signIn.familyId } : null;
  }

  private async verify(token: string): Promise<QueueBoardClaims | 'expired' | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: this.clock.now(),
      });
      const { sub, org, sid } = payload as Record<string, unknown>;
      if (typeof sub !== 'string' || typeof org !== 'string' || typeof sid !== 'string') {
        return null;
      }
      return { userId: sub, organizationId: org, sessionId: sid };
    } catch (error) {
      return error instanceof errors.JWTExpired ? 'expired' : null;
    }
  }
}
