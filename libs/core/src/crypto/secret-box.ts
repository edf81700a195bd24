import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthSecret } from './auth-secret.js';

const VERSION = 'v1';

/**
 * Authenticated encryption (AES-256-GCM) for secrets that must be read back, unlike passwords
 * and tokens, which are only ever compared: a TOTP secret, a link token waiting in an email to
 * be rendered. The key derives from AUTH_SECRET.
 */
@Injectable()
export class SecretBox {
  private readonly key: Buffer;

  constructor(secret: AuthSecret) {
    this.key = secret.key('secret-box');
  }

  /** `plaintext` sealed as `v1.<iv>.<tag>.<ciphertext>` (base64url); `context` must match on open. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), ciphertext]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The plaintext of a sealed value; throws when it was altered, or sealed for another context. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined)
      throw new Error('Not a sealed value');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
