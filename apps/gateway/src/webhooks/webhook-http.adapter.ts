import { lookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Injectable } from '@nestjs/common';
import { isPrivateAddress } from './webhook-url';

export interface WebhookResponse {
  status: number;
}

/**
 * The only outbound HTTP of the gateway. The address check runs again inside the connection's own DNS lookup, so a
 * host that resolved to a public address at submission cannot be re-pointed at a private one (DNS rebinding).
 */
@Injectable()
export class WebhookHttpAdapter {
  async resolve(host: string): Promise<string[]> {
    return new Promise((res, rej) =>
      lookup(host, { all: true }, (err, addrs) => (err ? rej(err) : res(addrs.map((a) => a.address)))),
    );
  }

  post(
    url: URL,
    body: string,
    headers: Record<string, string>,
    opts: { timeoutMs: number; allowPrivate: boolean },
  ): Promise<WebhookResponse> {
    const guarded: LookupFunction = (host, options, cb) =>
      lookup(host, { ...options, all: true }, (err, addrs) => {
        if (err) return cb(err, '', 4);
        const list = addrs;
        if (!opts.allowPrivate && list.some((a) => isPrivateAddress(a.address)))
          return cb(new Error(`webhook host ${host} resolves to a private address`), '', 4);
        if (options.all) return (cb as unknown as (e: null, a: typeof list) => void)(null, list);
        cb(null, list[0].address, list[0].family);
      });
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: opts.timeoutMs,
          lookup: guarded,
        },
        (res) => {
          // The answer's body is not used; draining it frees the socket.
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }
}
