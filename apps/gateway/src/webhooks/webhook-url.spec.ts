import { checkWebhookUrl, isPrivateAddress } from './webhook-url';

describe('isPrivateAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.5.4',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '224.0.0.1',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    'not-an-ip',
  ])('%s is private', (ip) => expect(isPrivateAddress(ip)).toBe(true));

  it.each(['8.8.8.8', '172.32.0.1', '192.169.0.1', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    '%s is public',
    (ip) => expect(isPrivateAddress(ip)).toBe(false),
  );
});

describe('checkWebhookUrl', () => {
  const resolveTo = (addrs: string[]) => async () => addrs;

  it('accepts http(s) to public hosts', async () => {
    const url = await checkWebhookUrl('https://hooks.example.com/x?y=1', { allowPrivate: false, resolve: resolveTo(['93.184.216.34']) });
    expect(url.hostname).toBe('hooks.example.com');
  });

  it('refuses a host when any of its addresses is private (a mixed answer could be used to rebind)', async () => {
    await expect(
      checkWebhookUrl('https://mixed.example.com/', { allowPrivate: false, resolve: resolveTo(['93.184.216.34', '10.0.0.2']) }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', param: 'webhook_url' });
  });

  it('refuses hosts that do not resolve, other schemes and credentials even when private targets are allowed', async () => {
    const fail = async () => {
      throw new Error('ENOTFOUND');
    };
    await expect(checkWebhookUrl('https://nowhere.invalid/', { allowPrivate: false, resolve: fail })).rejects.toThrow(/does not resolve/);
    await expect(checkWebhookUrl('file:///etc/passwd', { allowPrivate: true, resolve: fail })).rejects.toThrow(/http or https/);
    await expect(checkWebhookUrl('http://a:b@x.example/', { allowPrivate: true, resolve: fail })).rejects.toThrow(/credentials/);
  });

  it('lets private targets through only when allowed', async () => {
    const resolve = resolveTo(['127.0.0.1']);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/h', { allowPrivate: false, resolve })).rejects.toThrow(/private/);
    await expect(checkWebhookUrl('http://127.0.0.1:8080/h', { allowPrivate: true, resolve })).resolves.toBeInstanceOf(URL);
  });
});
