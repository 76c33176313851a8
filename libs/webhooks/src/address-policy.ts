// The SSRF guard. Webhook URLs are chosen by API clients, and the service sends POSTs to them
// from inside our network, so a URL pointing at 127.0.0.1, 10.x or the cloud metadata address
// (169.254.169.254) would let a client make us call internal services. Only globally routable
// unicast addresses are allowed unless the deployment explicitly allows private networks
// (local development, receivers inside the same cluster).
//
// Checked twice: at registration, for a clear error to the client, and again at every connection
// through `guardedLookup`, because DNS can answer differently later (DNS rebinding).
import { LookupAddress, promises as dns, lookup as dnsLookup } from 'node:dns';
import { isIP, LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Resolves a host name to every address it has (IPv4 and IPv6). Injectable for tests. */
export type ResolveAll = (hostname: string) => Promise<LookupAddress[]>;

export const resolveAllAddresses: ResolveAll = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

// ipaddr.js range names as an operator would read them.
const RANGE_NAMES: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique-local address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
  carrierGradeNat: 'a carrier-grade NAT address',
  reserved: 'a reserved or documentation address',
  benchmarking: 'a benchmarking address',
  deprecatedSiteLocal: 'a site-local address',
  rfc6052: 'a NAT64 address',
  rfc6145: 'an IPv4-translated address',
  '6to4': 'a 6to4 tunnel address',
  teredo: 'a Teredo tunnel address',
};

/**
 * Why `ip` is not an address we may send to, e.g. "127.0.0.1 is a loopback address"; undefined
 * for a globally routable unicast address.
 */
export function addressRefusal(ip: string): string | undefined {
  const kind = refusedAddressClass(ip);
  return kind === undefined ? undefined : `${ip} is ${kind}`;
}

/** The class of a refused address ("a loopback address"); undefined for public unicast. */
export function refusedAddressClass(ip: string): string | undefined {
  const literal = ip.startsWith('[') && ip.endsWith(']') ? ip.slice(1, -1) : ip;
  if (!ipaddr.isValid(literal)) return 'not an IP address';
  // process() turns ::ffff:127.0.0.1 into 127.0.0.1, so a mapped address is judged as the IPv4
  // address it really connects to.
  const address = ipaddr.process(literal);
  const range = address.range();
  if (range === 'unicast') {
    // ::a.b.c.d (the deprecated IPv4-compatible form) is "unicast" to ipaddr.js, yet it only
    // ever means an embedded IPv4 address; nothing legitimate uses it.
    if (address.kind() === 'ipv6' && address.toByteArray().slice(0, 12).every((byte) => byte === 0)) {
      return 'an IPv4-compatible IPv6 address';
    }
    return undefined;
  }
  // Every other class (AS112, AMT, ORCHID, discard…) is special-purpose: refused as well.
  return RANGE_NAMES[range] ?? `a special-purpose (${range}) address`;
}

/** Only globally routable unicast addresses; IPv4-mapped IPv6 is judged as its IPv4 address. */
export function isPublicAddress(ip: string): boolean {
  return addressRefusal(ip) === undefined;
}

export class AddressNotAllowedError extends Error {
  readonly code = 'EADDRNOTALLOWED';
  constructor(readonly reason: string) {
    super(`address not allowed: ${reason}`);
    this.name = 'AddressNotAllowedError';
  }
}

export interface AddressPolicyOptions {
  /** Allow loopback, private and other non-public targets (development, in-cluster receivers). */
  allowPrivateNetworks: boolean;
  /** DNS resolution; the system resolver unless a test injects another. */
  resolve?: ResolveAll;
}

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Registration-time check of a webhook URL, with a reason the API client can act on. */
export async function checkWebhookUrl(raw: string, options: AddressPolicyOptions): Promise<WebhookUrlCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a valid absolute URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `only http and https URLs are allowed, not ${url.protocol}` };
  }
  if (url.username !== '' || url.password !== '') {
    // They would end up in logs and the operational view; use the signature to authenticate.
    return { ok: false, reason: 'a webhook URL may not contain a username or password' };
  }
  if (url.href.includes('#')) {
    return { ok: false, reason: 'a webhook URL may not contain a fragment (#…): it is never sent to the receiver' };
  }
  const host = url.hostname;
  const literal = host.startsWith('[') ? host.slice(1, -1) : host;
  let addresses: string[];
  if (isIP(literal) !== 0) {
    addresses = [literal];
  } else {
    try {
      addresses = (await (options.resolve ?? resolveAllAddresses)(host)).map((a) => a.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: `host ${host} does not resolve${code ? ` (${code})` : ''}` };
    }
    if (addresses.length === 0) return { ok: false, reason: `host ${host} does not resolve` };
  }
  if (!options.allowPrivateNetworks) {
    for (const address of addresses) {
      const kind = refusedAddressClass(address);
      if (kind !== undefined) {
        return { ok: false, reason: literal === address ? `${address} is ${kind}` : `host ${host} resolves to ${address}, ${kind}` };
      }
    }
  }
  return { ok: true, url };
}

/**
 * A `lookup` for node:http(s) request options that resolves the host and fails the connection
 * when any of its addresses is not allowed. Refusing on *any* (not just the one picked) keeps a
 * host that answers with one public and one private address from being a way in.
 * Node does not call `lookup` for IP-literal hosts: the sender checks those itself.
 */
export function guardedLookup(allowPrivateNetworks: boolean, resolve?: ResolveAll): LookupFunction {
  const resolveAll: ResolveAll =
    resolve ??
    ((hostname) =>
      new Promise((done, fail) =>
        dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? fail(error) : done(addresses))),
      ));
  return (hostname, options, callback) => {
    resolveAll(hostname).then(
      (found) => {
        const addresses = options.family === 4 || options.family === 6 ? found.filter((a) => a.family === options.family) : found;
        if (addresses.length === 0) {
          const error: NodeJS.ErrnoException = new Error(`host ${hostname} has no usable address`);
          error.code = 'ENOTFOUND';
          return callback(error, '', 0);
        }
        if (!allowPrivateNetworks) {
          for (const { address } of addresses) {
            const refusal = addressRefusal(address);
            if (refusal !== undefined) return callback(new AddressNotAllowedError(refusal), '', 0);
          }
        }
        // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily), one otherwise.
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}
