import { describe, expect, it } from '@jest/globals';
import type { HostResolver } from './address-guard.js';
import { checkWebhookUrl } from './webhook-url.js';

const STRICT = { allowPrivate: false, allowed: [] };
const PRIVATE_OK = { allowPrivate: true, allowed: [] };
const publicHost: HostResolver = async () => [{ address: '93.184.215.14', family: 4 }];

describe('webhook URLs at registration', () => {
  it('accepts an https URL whose host is public, normalized', async () => {
    expect(await checkWebhookUrl(' https://Hooks.Example.com/in?x=1 ', STRICT, publicHost)).toEqual(
      { url: 'https://hooks.example.com/in?x=1' },
    );
  });

  it.each([
    ['not a url', 'must be an absolute https:// URL'],
    ['/relative', 'must be an absolute https:// URL'],
    ['http://hooks.example.com/', 'must use https://'],
    ['ftp://hooks.example.com/', 'must use https://'],
    ['https://user:pass@hooks.example.com/', 'must not carry a user name or password'],
    ['https://hooks.example.com/#frag', 'must not have a fragment (#…)'],
    [`https://hooks.example.com/${'a'.repeat(2048)}`, 'must be at most 2048 characters'],
  ])('refuses %s', async (url, problem) => {
    expect(await checkWebhookUrl(url, STRICT, publicHost)).toEqual({ problem });
  });

  it.each([
    ['https://127.0.0.1/', '127.0.0.1 is a loopback address'],
    ['https://2130706433/', '127.0.0.1 is a loopback address'],
    ['https://0x7f.1/', '127.0.0.1 is a loopback address'],
    ['https://[::1]/', '::1 is a loopback address'],
    ['https://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['https://10.0.0.8:8443/', '10.0.0.8 is a private address'],
    ['https://localhost/', 'is a loopback address'],
  ])('refuses %s, whose host is not public', async (url, reason) => {
    const checked = await checkWebhookUrl(url, STRICT);
    expect(checked.problem).toContain('cannot be reached by webhooks: ');
    expect(checked.problem).toContain(reason);
  });

  it('accepts loopback and plain http only when private addresses are allowed', async () => {
    expect(await checkWebhookUrl('http://127.0.0.1:8080/hook', PRIVATE_OK)).toEqual({
      url: 'http://127.0.0.1:8080/hook',
    });
  });
});
