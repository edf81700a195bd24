import { describe, expect, it } from '@jest/globals';
import { AppConfig } from '../config/app-config.js';
import { AuthSecret } from './auth-secret.js';
import { SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = async (secret = 'x'.repeat(40)) =>
    new SecretBox(
      await AuthSecret.resolve(
        AppConfig.load({ AUTH_SECRET: secret, DATABASE_URL: 'postgres://u:p@h/d' }),
      ),
    );

  it('opens what it sealed, and seals the same text differently each time', async () => {
    const subject = await box();
    const a = subject.seal('inv_token_123', 'email:1');
    const b = subject.seal('inv_token_123', 'email:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('inv_token_123');
    expect(subject.open(a, 'email:1')).toBe('inv_token_123');
  });

  it('refuses an altered value, another context, and another secret', async () => {
    const subject = await box();
    const sealed = subject.seal('secret', 'email:1');
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3]!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() =>
      subject.open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'email:1'),
    ).toThrow();
    expect(() => subject.open(sealed, 'email:2')).toThrow();
    const other = await box('y'.repeat(40));
    expect(() => other.open(sealed, 'email:1')).toThrow();
  });
});
