import { describe, expect, it } from '@jest/globals';
import {
  AddressRefusedError,
  guardedLookup,
  refusalOf,
  resolveAllowed,
  withResolveTimeout,
  type HostResolver,
} from './address-guard.js';

const STRICT = { allowPrivate: false, allowed: [] };
const PRIVATE_OK = { allowPrivate: true, allowed: [] };

const REFUSED: Array<[string, string]> = [
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['192.168.1.1', 'private'],
  ['169.254.169.254', 'link-local'],
  ['100.64.0.1', 'carrier-grade NAT'],
  ['100.127.255.254', 'carrier-grade NAT'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.250', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['192.0.2.1', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['::1', 'loopback'],
  ['::', 'unspecified'],
  ['fe80::1', 'link-local'],
  ['fc00::1', 'unique-local'],
  ['fd12:3456:789a::1', 'unique-local'],
  ['ff02::1', 'multicast'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:10.0.0.1', 'private'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:100.64.0.1', 'carrier-grade NAT'],
  ['64:ff9b::a00:1', 'reserved'],
  ['2002:7f00:1::', 'reserved'],
  ['2001:db8::1', 'reserved'],
  ['2001::1', 'reserved'],
  ['::127.0.0.1', 'loopback'],
  ['::7f00:1', 'reserved'],
  ['fec0::1', 'reserved'],
  ['100::1', 'reserved'],
];

const PUBLIC = [
  '1.1.1.1',
  '8.8.8.8',
  '93.184.215.14',
  '172.32.0.1',
  '100.128.0.1',
  '2606:4700::1111',
  '2a00:1450:4001::200e',
  '::ffff:8.8.8.8',
];

describe('webhook address guard', () => {
  it.each(REFUSED)('refuses %s (%s) by default', (address, kind) => {
    expect(refusalOf(address, STRICT)).toBe(`${address} is a ${kind} address`);
  });

  it.each(PUBLIC)('lets %s through', (address) => {
    expect(refusalOf(address, STRICT)).toBeNull();
  });

  it('lets private, loopback and link-local through when private addresses are allowed', () => {
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', 'fd00::1', '::ffff:127.0.0.1'])
      expect(refusalOf(address, PRIVATE_OK)).toBeNull();
  });

  it('never lets unspecified, multicast or broadcast addresses through', () => {
    for (const address of ['0.0.0.0', '::', '224.0.0.1', 'ff02::1', '255.255.255.255']) {
      expect(refusalOf(address, PRIVATE_OK)).not.toBeNull();
      expect(
        refusalOf(address, { allowPrivate: false, allowed: ['0.0.0.0/0', '::/0'] }),
      ).not.toBeNull();
    }
  });

  it('lets allowlisted blocks through, and only those', () => {
    const policy = { allowPrivate: false, allowed: ['10.1.0.0/16', 'fd00::/8', '127.0.0.1'] };
    expect(refusalOf('10.1.200.3', policy)).toBeNull();
    expect(refusalOf('::ffff:10.1.200.3', policy)).toBeNull();
    expect(refusalOf('fd00::5', policy)).toBeNull();
    expect(refusalOf('127.0.0.1', policy)).toBeNull();
    expect(refusalOf('127.0.0.2', policy)).not.toBeNull();
    expect(refusalOf('10.2.0.1', policy)).not.toBeNull();
    expect(refusalOf('fc00::5', policy)).not.toBeNull();
  });

  it('refuses a host when any of its addresses is refused, and one that does not resolve', async () => {
    const mixed: HostResolver = async () => [
      { address: '8.8.8.8', family: 4 },
      { address: '10.0.0.1', family: 4 },
    ];
    await expect(resolveAllowed('mixed.example', STRICT, mixed)).rejects.toThrow(
      '10.0.0.1 is a private address',
    );
    const missing: HostResolver = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    };
    await expect(resolveAllowed('nowhere.example', STRICT, missing)).rejects.toThrow(
      'nowhere.example does not resolve (ENOTFOUND)',
    );
    await expect(resolveAllowed('[::1]', STRICT)).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(resolveAllowed('localhost', STRICT)).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(resolveAllowed('127.0.0.1', PRIVATE_OK)).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
  });

  it('gives sockets only checked addresses, in both lookup forms', async () => {
    const lookup = guardedLookup(PRIVATE_OK, async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    const all = await new Promise((resolve, reject) =>
      lookup('receiver.test', { all: true }, (error, addresses) =>
        error ? reject(error) : resolve(addresses),
      ),
    );
    expect(all).toEqual([
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]);
    const one = await new Promise((resolve, reject) =>
      lookup('receiver.test', { family: 6 }, (error, address, family) =>
        error ? reject(error) : resolve([address, family]),
      ),
    );
    expect(one).toEqual(['::1', 6]);
    const strict = guardedLookup(STRICT, async () => [{ address: '127.0.0.1', family: 4 }]);
    await expect(
      new Promise((resolve, reject) =>
        strict('rebound.test', {}, (error, address) => (error ? reject(error) : resolve(address))),
      ),
    ).rejects.toThrow('127.0.0.1 is a loopback address');
  });

  it('gives up on a lookup that takes too long', async () => {
    const slow: HostResolver = () => new Promise(() => {});
    await expect(withResolveTimeout(slow, 20)('slow.example')).rejects.toMatchObject({
      code: 'ETIMEOUT',
    });
  });
});
