import { describe, expect, it } from '@jest/globals';
import { AppConfig, AuthSecret, Clock, Role } from '#core';
import { AccessTokens } from './access-tokens.js';
import { VendorContactTokens } from './vendor-contact-tokens.js';

const claims = { userId: 'u1', organizationId: 'o1', role: Role.Admin, sessionId: 's1' };

/** A clock that stands still until moved. */
class StoppedClock extends Clock {
  constructor(public at: Date) {
    super();
  }

  override now(): Date {
    return this.at;
  }
}

async function tokens(secret = 'a secret for access token tests, 48 characters!!') {
  const config = AppConfig.load({ AUTH_SECRET: secret, DATABASE_URL: 'postgres://x/y' });
  const clock = new StoppedClock(new Date('2026-06-01T12:00:00Z'));
  return {
    clock,
    config,
    tokens: new AccessTokens(await AuthSecret.resolve(config), config, clock),
  };
}

describe('access tokens', () => {
  it('keeps judging the expiry of a token it has verified before', async () => {
    const { clock, tokens: accessTokens } = await tokens();
    const { token, expiresAt } = await accessTokens.issue(claims);
    expect(await accessTokens.verify(token)).toEqual(claims);
    expect(await accessTokens.verify(token)).toEqual(claims);

    clock.at = new Date(expiresAt.getTime() - 1_000);
    expect(await accessTokens.verify(token)).toEqual(claims);
    clock.at = expiresAt;
    expect(await accessTokens.verify(token)).toBe('expired');
    expect(await accessTokens.verify(token)).toBe('expired');
  });

  it('refuses a token signed with another secret, and a tampered one', async () => {
    const { tokens: accessTokens } = await tokens();
    const { tokens: others } = await tokens('another secret for access token tests, 48 chars');
    const { token } = await others.issue(claims);
    expect(await accessTokens.verify(token)).toBeNull();
    const own = (await accessTokens.issue(claims)).token;
    expect(await accessTokens.verify(own)).toEqual(claims);
    const [header, payload, signature] = own.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'X' }),
    ).toString('base64url');
    expect(await accessTokens.verify(`${header}.${forged}.${signature}`)).toBeNull();
  });

  it("judges a vendor contact's token the same way, and never takes one for the other", async () => {
    const { clock, config, tokens: accessTokens } = await tokens();
    const contactTokens = new VendorContactTokens(await AuthSecret.resolve(config), clock);
    const contact = {
      organizationId: 'o1',
      vendorId: 'v1',
      contactId: 'c1',
      assessmentIds: ['a1', 'a2'],
    };
    const { token, expiresAt } = await contactTokens.issue(contact, 600);
    expect(contactTokens.remembers(token)).toBe(false);
    expect(await contactTokens.verify(token)).toEqual(contact);
    expect(await contactTokens.verify(token)).toEqual(contact);
    expect(contactTokens.remembers(token)).toBe(true);
    expect(await accessTokens.verify(token)).toBeNull();
    expect(accessTokens.remembers(token)).toBe(false);
    const member = (await accessTokens.issue(claims)).token;
    expect(await contactTokens.verify(member)).toBeNull();
    expect(contactTokens.remembers(member)).toBe(false);
    clock.at = expiresAt;
    expect(await contactTokens.verify(token)).toBe('expired');
  });
});
