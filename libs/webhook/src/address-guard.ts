import { lookup } from 'node:dns/promises';
import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Which addresses webhooks may reach besides the public internet. */
export interface AddressPolicy {
  /** Private, loopback, link-local, unique-local and CGNAT addresses (tests, development). */
  readonly allowPrivate: boolean;
  /** Addresses or CIDR blocks reachable even when they are private. */
  readonly allowed: readonly string[];
}

export interface ResolvedAddress {
  readonly address: string;
  readonly family: 4 | 6;
}

/** Every address of a host name (an IP literal resolves to itself). */
export type HostResolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (getaddrinfo, /etc/hosts included), all addresses. */
export const systemResolver: HostResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

/** A host that resolves to an address webhooks may not reach, or to none. */
export class AddressRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AddressRefusedError';
  }
}

/** Never a receiver, whatever the configuration says. */
const NEVER = new Set(['unspecified', 'broadcast', 'multicast']);

const RANGE_NAMES: Record<string, string> = {
  private: 'private',
  loopback: 'loopback',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
};

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * The special-purpose range an address belongs to, `unicast` for a public one. IPv4-mapped IPv6
 * addresses are judged as the IPv4 address they carry; other IPv6 addresses must be global
 * unicast (2000::/3) outside the special ranges (6to4, Teredo, NAT64 and documentation
 * prefixes can all lead back to private IPv4 space).
 */
export function addressRange(address: string): string {
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const range = ip.range();
  if (range !== 'unicast') return range;
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return range;
}

function inBlock(address: string, block: string): boolean {
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) {
    ip = (ip as ipaddr.IPv6).toIPv4Address();
  }
  const cidr = block.includes('/')
    ? ipaddr.parseCIDR(block)
    : ([ipaddr.parse(block), ipaddr.parse(block).kind() === 'ipv4' ? 32 : 128] as const);
  return ip.kind() === cidr[0].kind() && ip.match(cidr as [ipaddr.IPv4 | ipaddr.IPv6, number]);
}

/** Why webhooks may not reach `address` under `policy`, or null when they may. */
export function refusalOf(address: string, policy: AddressPolicy): string | null {
  if (!isIP(address)) return `${address} is not an IP address`;
  const range = addressRange(address);
  if (range === 'unicast') return null;
  if (!NEVER.has(range)) {
    if (policy.allowed.some((block) => inBlock(address, block))) return null;
    if (policy.allowPrivate) return null;
  }
  return `${address} is a ${RANGE_NAMES[range] ?? 'reserved'} address`;
}

/**
 * The addresses of `hostname`, when every one of them may be reached; otherwise throws
 * AddressRefusedError. One refused address refuses the host: a name that answers with a
 * public and a private address must not get to choose which is dialled.
 */
export async function resolveAllowed(
  hostname: string,
  policy: AddressPolicy,
  resolve: HostResolver = systemResolver,
): Promise<ResolvedAddress[]> {
  const host = hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  let addresses: ResolvedAddress[];
  try {
    addresses = await resolve(host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AddressRefusedError(`${host} does not resolve${code ? ` (${code})` : ''}`);
  }
  if (addresses.length === 0) throw new AddressRefusedError(`${host} does not resolve`);
  for (const { address } of addresses) {
    const refusal = refusalOf(address, policy);
    if (refusal) throw new AddressRefusedError(refusal);
  }
  return addresses;
}

/**
 * A `lookup` for sockets (net/tls `connect`, undici's `connect.lookup`) that resolves, checks
 * and answers with the checked addresses only, so the address connected to is the address
 * checked: a name re-pointed between a check and the connection (DNS rebinding) is caught here.
 */
export function guardedLookup(
  policy: AddressPolicy,
  resolve: HostResolver = systemResolver,
): LookupFunction {
  return ((
    hostname: string,
    options: LookupOneOptions & { all?: boolean },
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ) => {
    resolveAllowed(hostname, policy, resolve).then(
      (addresses) => {
        const wanted = options.family
          ? addresses.filter((entry) => entry.family === options.family)
          : addresses;
        if (wanted.length === 0) {
          callback(new AddressRefusedError(`${hostname} has no IPv${options.family} address`), '');
        } else if (options.all) {
          callback(
            null,
            wanted.map((entry) => ({ address: entry.address, family: entry.family })),
          );
        } else {
          callback(null, wanted[0]!.address, wanted[0]!.family);
        }
      },
      (error: Error) => callback(error, ''),
    );
  }) as LookupFunction;
}

/** `resolve`, failing with ETIMEOUT when it takes longer than `timeoutMs`. */
export function withResolveTimeout(resolve: HostResolver, timeoutMs: number): HostResolver {
  return (hostname) =>
    new Promise<ResolvedAddress[]>((done, fail) => {
      const timer = setTimeout(
        () =>
          fail(Object.assign(new Error(`lookup of ${hostname} timed out`), { code: 'ETIMEOUT' })),
        timeoutMs,
      );
      resolve(hostname).then(
        (addresses) => {
          clearTimeout(timer);
          done(addresses);
        },
        (error: unknown) => {
          clearTimeout(timer);
          fail(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
}
