import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** How far a signature's timestamp may be from the receiver's clock before it is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const SECRET_PREFIX = 'whsec_';

/** A new signing secret: `whsec_` and 32 random bytes, base64url. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Hex HMAC-SHA256 of `<timestamp>.<body>`, keyed with the whole secret (prefix included). */
export function webhookSignature(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}

/** The `Assay-Signature` header: `t=<unix seconds>,v1=<hex HMAC>`. */
export function signatureHeader(secret: string, timestampSeconds: number, body: string): string {
  return `t=${timestampSeconds},v1=${webhookSignature(secret, timestampSeconds, body)}`;
}

export interface SignatureCheck {
  /** The `Assay-Signature` header as received. */
  readonly header: string | null | undefined;
  /** The raw request body, exactly as received. */
  readonly body: string;
  readonly secret: string;
  /** The receiver's clock, unix seconds. */
  readonly nowSeconds: number;
  readonly toleranceSeconds?: number;
}

/**
 * Whether a delivery is authentic and fresh: one `v1` matches (compared in constant time) and
 * its timestamp is within the tolerance of the receiver's clock, so a replayed old request fails.
 */
export function verifyWebhookSignature(check: SignatureCheck): boolean {
  if (!check.header) return false;
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of check.header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === null || signatures.length === 0) return false;
  const tolerance = check.toleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  if (Math.abs(check.nowSeconds - timestamp) > tolerance) return false;
  const expected = Buffer.from(webhookSignature(check.secret, timestamp, check.body), 'hex');
  return signatures.some((signature) => timingSafeEqual(Buffer.from(signature, 'hex'), expected));
}
