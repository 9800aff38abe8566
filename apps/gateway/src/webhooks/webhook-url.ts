import { BlockList, isIP } from 'node:net';
import { EarshotError } from '@earshot/contracts';

/** Addresses a webhook must not reach (SSRF): loopback, private, link-local, CGNAT, multicast, reserved. */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) return blocked.check(ip, 'ipv6');
  return true;
}

function bad(message: string): EarshotError {
  return new EarshotError('INVALID_ARGUMENT', message, 'webhook_url');
}

/**
 * A webhook URL is http(s), without credentials, and every address its host resolves to is public unless
 * private targets are allowed. Checked at submission and again at each delivery (DNS may have changed).
 */
export async function checkWebhookUrl(
  raw: string,
  opts: { allowPrivate: boolean; resolve: (host: string) => Promise<string[]> },
): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw bad('webhook_url is not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad('webhook_url must be http or https');
  if (url.username || url.password) throw bad('webhook_url must not carry credentials');
  if (opts.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await opts.resolve(host);
    } catch {
      throw bad(`webhook_url host ${host} does not resolve`);
    }
  }
  if (addresses.length === 0 || addresses.some(isPrivateAddress))
    throw bad('webhook_url must not point to a loopback, link-local or private address');
  return url;
}
