import { LookupAddress } from 'node:dns';
import { AddressNotAllowedError, ResolveAll, addressRefusal, checkWebhookUrl, guardedLookup, isPublicAddress } from './address-policy';

const resolvingTo =
  (...addresses: string[]): ResolveAll =>
  async () =>
    addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
const notResolving: ResolveAll = async () => {
  throw Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
};

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fc00::1', 'unique-local'],
    ['fd12:3456::1', 'unique-local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.5', 'documentation'],
    ['2001:db8::1', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['2001:2::1', 'benchmarking'],
    ['64:ff9b::7f00:1', 'NAT64'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'IPv4-compatible'],
  ])('refuses %s (%s)', (ip, kind) => {
    expect(isPublicAddress(ip)).toBe(false);
    expect(addressRefusal(ip)).toContain(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1 is a loopback address'],
    ['::ffff:10.0.0.1', '10.0.0.1 is a private address'],
    ['::ffff:169.254.169.254', '169.254.169.254 is a link-local address'],
  ])('judges the IPv4-mapped %s as the IPv4 address it reaches', (ip, reason) => {
    expect(isPublicAddress(ip)).toBe(false);
    expect(addressRefusal(ip)).toBe(`${ip} is ${reason.split(' is ')[1]}`);
  });

  it.each(['8.8.8.8', '1.1.1.1', '93.184.216.34', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public unicast address %s',
    (ip) => {
      expect(isPublicAddress(ip)).toBe(true);
      expect(addressRefusal(ip)).toBeUndefined();
    },
  );

  it('refuses what is not an IP address at all', () => {
    expect(isPublicAddress('example.com')).toBe(false);
    expect(addressRefusal('')).toBe(' is not an IP address');
  });

  it('names the address and its class in the reason', () => {
    expect(addressRefusal('127.0.0.1')).toBe('127.0.0.1 is a loopback address');
    expect(addressRefusal('10.0.0.1')).toBe('10.0.0.1 is a private address');
  });
});

describe('checkWebhookUrl', () => {
  const publicDns = { allowPrivateNetworks: false, resolve: resolvingTo('93.184.216.34') };

  it('accepts an http or https URL whose host resolves to public addresses only', async () => {
    for (const raw of ['https://hooks.example.com/contracts', 'http://hooks.example.com:8080/x?y=1']) {
      const verdict = await checkWebhookUrl(raw, publicDns);
      expect(verdict).toEqual({ ok: true, url: new URL(raw) });
    }
  });

  it.each([
    ['not a url', /not a valid absolute URL/],
    ['/relative/path', /not a valid absolute URL/],
    ['ftp://hooks.example.com/x', /only http and https URLs are allowed, not ftp:/],
    ['file:///etc/passwd', /only http and https/],
    ['https://user:pass@hooks.example.com/x', /username or password/],
    ['https://user@hooks.example.com/x', /username or password/],
    ['https://hooks.example.com/x#frag', /fragment/],
    ['https://hooks.example.com/x#', /fragment/],
  ])('refuses %s', async (raw, reason) => {
    const verdict = await checkWebhookUrl(raw, publicDns);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(reason);
  });

  it('refuses a host that does not resolve, saying so', async () => {
    expect(await checkWebhookUrl('https://nowhere.invalid/x', { allowPrivateNetworks: true, resolve: notResolving })).toEqual({
      ok: false,
      reason: 'host nowhere.invalid does not resolve (ENOTFOUND)',
    });
  });

  it('refuses a host when any one of its addresses is not public, naming host, address and class', async () => {
    const resolve = resolvingTo('93.184.216.34', '10.0.0.7');
    expect(await checkWebhookUrl('https://mixed.example.com/x', { allowPrivateNetworks: false, resolve })).toEqual({
      ok: false,
      reason: 'host mixed.example.com resolves to 10.0.0.7, a private address',
    });
  });

  it.each([
    ['http://127.0.0.1:3000/hook', '127.0.0.1 is a loopback address'],
    ['http://[::1]/hook', '::1 is a loopback address'],
    ['http://[::ffff:127.0.0.1]/hook', 'is a loopback address'],
    ['http://169.254.169.254/latest/meta-data', '169.254.169.254 is a link-local address'],
    ['http://0x7f.1/hook', '127.0.0.1 is a loopback address'],
    ['http://2130706433/hook', '127.0.0.1 is a loopback address'],
  ])('refuses the IP literal in %s without asking DNS', async (raw, reason) => {
    const verdict = await checkWebhookUrl(raw, { allowPrivateNetworks: false, resolve: notResolving });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toContain(reason);
  });

  it('refuses localhost through the real resolver', async () => {
    const verdict = await checkWebhookUrl('http://localhost:8080/hook', { allowPrivateNetworks: false });
    expect(verdict).toEqual({ ok: false, reason: expect.stringMatching(/^host localhost resolves to (127\.0\.0\.1|::1), a loopback address$/) });
  });

  it('accepts private and loopback targets when private networks are allowed', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:3000/hook', { allowPrivateNetworks: true })).ok).toBe(true);
    expect((await checkWebhookUrl('http://localhost:3000/hook', { allowPrivateNetworks: true })).ok).toBe(true);
  });
});

describe('guardedLookup', () => {
  type Answer = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };
  const lookUp = (lookup: ReturnType<typeof guardedLookup>, hostname: string, options: { all?: boolean; family?: number }) =>
    new Promise<Answer>((done) =>
      lookup(hostname, options, ((error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) =>
        done({ error, address, family })) as never),
    );

  it('passes a public answer through, one address or all of them as Node asks', async () => {
    const lookup = guardedLookup(false, resolvingTo('93.184.216.34', '2606:4700::1'));
    expect(await lookUp(lookup, 'hooks.example.com', {})).toEqual({ error: null, address: '93.184.216.34', family: 4 });
    expect(await lookUp(lookup, 'hooks.example.com', { all: true })).toEqual({
      error: null,
      address: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:4700::1', family: 6 },
      ],
      family: undefined,
    });
    expect(await lookUp(lookup, 'hooks.example.com', { family: 6 })).toEqual({ error: null, address: '2606:4700::1', family: 6 });
  });

  it('fails the connection when DNS now answers with a private address (rebinding)', async () => {
    let answer = '93.184.216.34';
    const lookup = guardedLookup(false, async () => [{ address: answer, family: 4 }]);
    expect((await lookUp(lookup, 'rebind.example.com', {})).error).toBeNull();
    answer = '10.0.0.1';
    const { error } = await lookUp(lookup, 'rebind.example.com', {});
    expect(error).toBeInstanceOf(AddressNotAllowedError);
    expect(error?.message).toBe('address not allowed: 10.0.0.1 is a private address');
  });

  it('refuses localhost through the real resolver, and allows it when private networks are', async () => {
    expect((await lookUp(guardedLookup(false), 'localhost', {})).error?.message).toMatch(/^address not allowed: (127\.0\.0\.1|::1) is a loopback address$/);
    expect((await lookUp(guardedLookup(true), 'localhost', {})).error).toBeNull();
  });

  it('passes a resolution failure on', async () => {
    expect((await lookUp(guardedLookup(false, notResolving), 'nowhere.invalid', {})).error?.code).toBe('ENOTFOUND');
  });
});
