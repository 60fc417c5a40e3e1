/**
 * Which URLs a webhook may post to. A webhook makes this server send requests wherever an admin
 * points it, so targets that reach the server itself or the cloud's metadata service are refused:
 * loopback (127.0.0.0/8, ::1, `localhost`), link-local (169.254.0.0/16 with the metadata address,
 * fe80::/10), unspecified, multicast and broadcast addresses. Private networks (10/8, 172.16/12,
 * 192.168/16, fc00::/7) are allowed: that is where an agency's CAD lives.
 *
 * RTCC_WEBHOOK_ALLOW_LOCAL=true lifts the refusal, for a CAD bridge on this same machine. The
 * check runs when a target is saved (literal addresses and `localhost`) and again on every send,
 * on the addresses the name resolves to, so a name that later resolves to 127.0.0.1 is refused too.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../errors.ts';

const blocked = new BlockList();
blocked.addSubnet('0.0.0.0', 8, 'ipv4');
blocked.addSubnet('127.0.0.0', 8, 'ipv4');
blocked.addSubnet('169.254.0.0', 16, 'ipv4');
blocked.addSubnet('224.0.0.0', 4, 'ipv4');
blocked.addAddress('255.255.255.255', 'ipv4');
blocked.addAddress('::', 'ipv6');
blocked.addAddress('::1', 'ipv6');
blocked.addSubnet('fe80::', 10, 'ipv6');
blocked.addSubnet('ff00::', 8, 'ipv6');

/** True when `address` (a literal IPv4 or IPv6 address) is one webhooks refuse by default. */
export function isLocalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Checks a target URL as typed; throws `validation_failed` saying why it is refused.
 * @example checkTargetUrl('https://cad.agency.local/hits', false) // 'https://cad.agency.local/hits'
 */
export function checkTargetUrl(raw: string, allowLocal: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError('validation_failed', `url "${String(raw).slice(0, 100)}" is not a URL`, { details: [{ field: 'url', message: 'not a URL' }] });
  }
  const refuse = (message: string) => {
    throw new AppError('validation_failed', `url: ${message}`, { details: [{ field: 'url', message }] });
  };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse('only http and https URLs can receive webhooks');
  if (url.username || url.password) refuse('put no credentials in the URL; the receiver checks the signature header instead');
  if (raw.length > 2000) refuse('the URL is longer than 2,000 characters');
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (!allowLocal && (host === 'localhost' || host.endsWith('.localhost') || isLocalAddress(host))) {
    refuse(`${host} is this machine or a link-local address; set RTCC_WEBHOOK_ALLOW_LOCAL=true to allow it`);
  }
  return url.toString();
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http.request that refuses names resolving to local addresses, so the address
 * checked is the address connected to (no window for DNS rebinding).
 */
export function guardedLookup(allowLocal: boolean) {
  return (hostname: string, options: LookupOneOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const list = addresses as LookupAddress[];
      const bad = allowLocal ? undefined : list.find((a) => isLocalAddress(a.address));
      if (bad) return callback(Object.assign(new Error(`${hostname} resolves to ${bad.address}, a local address webhooks do not post to`), { code: 'ELOCALADDRESS' }), '');
      if ((options as { all?: boolean }).all) return callback(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
      callback(null, first.address, first.family);
    });
  };
}
