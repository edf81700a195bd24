import {
  AddressRefusedError,
  resolveAllowed,
  systemResolver,
  type AddressPolicy,
  type HostResolver,
} from './address-guard.js';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

/** What is wrong with `raw` as a target, without looking it up; or its normalized form. */
export function parseWebhookUrl(
  raw: string,
  policy: AddressPolicy,
): { url: URL; problem?: never } | { problem: string; url?: never } {
  const text = raw.trim();
  if (text.length > MAX_WEBHOOK_URL_LENGTH) {
    return { problem: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { problem: 'must be an absolute https:// URL' };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && policy.allowPrivate)) {
    return { problem: 'must use https://' };
  }
  if (url.username || url.password) return { problem: 'must not carry a user name or password' };
  if (url.hash) return { problem: 'must not have a fragment (#…)' };
  if (!url.hostname) return { problem: 'must name a host' };
  return { url };
}

/**
 * Checks a URL as registration does: well formed, https:// (http:// only where private
 * addresses are allowed), and a host whose every address webhooks may reach. Returns the
 * normalized URL, or the problem in words for the `input.url` field.
 */
export async function checkWebhookUrl(
  raw: string,
  policy: AddressPolicy,
  resolve: HostResolver = systemResolver,
): Promise<{ url: string; problem?: never } | { problem: string; url?: never }> {
  const parsed = parseWebhookUrl(raw, policy);
  if (parsed.problem !== undefined) return { problem: parsed.problem };
  try {
    await resolveAllowed(parsed.url.hostname, policy, resolve);
  } catch (error) {
    if (error instanceof AddressRefusedError) {
      return { problem: `cannot be reached by webhooks: ${error.message}` };
    }
    throw error;
  }
  return { url: parsed.url.href };
}
