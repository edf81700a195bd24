import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../config/app-config.js';
import { deriveKey } from './tokens.js';

/**
 * The secret every key of the platform derives from (AUTH_SECRET). Unset, embedded mode keeps
 * one in the data directory so that sessions survive a restart; elsewhere outside production a
 * random one is made per process (tokens then die with it), and production refuses to start.
 */
@Injectable()
export class AuthSecret {
  private constructor(private readonly secret: Buffer) {}

  static async resolve(config: AppConfig): Promise<AuthSecret> {
    if (config.auth.secret) return new AuthSecret(Buffer.from(config.auth.secret));
    if (config.isEmbedded) {
      const file = join(config.dataDir, 'auth-secret');
      const existing = await readFile(file, 'utf8').catch(() => null);
      if (existing) return new AuthSecret(Buffer.from(existing.trim(), 'base64url'));
      const secret = randomBytes(48);
      await mkdir(config.dataDir, { recursive: true });
      await writeFile(file, secret.toString('base64url'), { mode: 0o600 });
      return new AuthSecret(secret);
    }
    new Logger('Auth').warn('AUTH_SECRET is unset: tokens signed by this process die with it');
    return new AuthSecret(randomBytes(48));
  }

  /** A 256-bit key for `purpose`; different purposes never share a key. */
  key(purpose: string): Buffer {
    return deriveKey(this.secret, purpose);
  }
}
