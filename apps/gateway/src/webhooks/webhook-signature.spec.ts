import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-enough-length';
  const body = JSON.stringify({ id: 'transcribe-1', status: 'completed' });

  it('signs t.body with HMAC-SHA256 and names the time', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    const mac = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${mac}`);
  });

  it('verifies its own signature and refuses a changed body, another secret, or a stale time', () => {
    const now = 1_700_000_000;
    const header = signWebhook(secret, body, now);
    expect(verifyWebhook(secret, body, header, now + 10)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, header, now)).toBe(false);
    expect(verifyWebhook('another-secret-entirely', body, header, now)).toBe(false);
    expect(verifyWebhook(secret, body, header, now + 301)).toBe(false);
    expect(verifyWebhook(secret, body, undefined, now)).toBe(false);
    expect(verifyWebhook(secret, body, 't=abc,v1=00', now)).toBe(false);
  });
});
