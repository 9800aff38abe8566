import { PassThrough, Readable } from 'stream';
import { transformItnLines } from './itn.command';

async function run(
  input: string | string[],
  lang: 'zh' | 'ja',
  opts = {},
): Promise<{ out: string; count: number }> {
  const chunks = Array.isArray(input) ? input : [input];
  const out = new PassThrough();
  let text = '';
  out.on('data', (d: Buffer) => (text += d.toString('utf8')));
  const count = await transformItnLines(
    Readable.from(chunks.map((c) => Buffer.from(c, 'utf8'))),
    out,
    lang,
    opts,
  );
  return { out: text, count };
}

describe('earshot itn line transform', () => {
  it('writes one output line per input line, in order, handling CRLF and a last line without newline', async () => {
    const { out, count } = await run('二十五\r\n\r\n我有三本书\n价格一千元', 'zh');
    expect(count).toBe(4);
    expect(out).toBe('25\n\n我有3本书\n价格¥1000\n');
  });

  it('keeps lines split across chunks, even inside a multi-byte character', async () => {
    const bytes = Buffer.from('一百\n两千零八年\n', 'utf8');
    const parts = [bytes.subarray(0, 4), bytes.subarray(4, 11), bytes.subarray(11)].map((b) =>
      b.toString('latin1'),
    );
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString('utf8')));
    await transformItnLines(Readable.from(parts.map((p) => Buffer.from(p, 'latin1'))), out, 'zh', {});
    expect(text).toBe('100\n2008年\n');
  });

  it('passes flags through', async () => {
    expect((await run('一年后\n', 'zh', { enable0To9: false })).out).toBe('一年后\n');
    expect((await run('四十四\n', 'ja', { enableStandaloneNumber: false })).out).toBe('四十四\n');
  });

  it('survives hostile lines and keeps the count', async () => {
    const lines = ['', '\u0000\u0007', '\ud800一', '一'.repeat(100_000)];
    const { out, count } = await run(lines.join('\n') + '\n', 'zh');
    expect(count).toBe(4);
    expect(out.split('\n').length).toBe(5);
  });
});
