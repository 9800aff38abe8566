import { sniff } from './format-sniffer';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));
/** An ID3v2 header whose syncsafe size says `size` bytes of tag follow. */
const id3 = (size: number, flags = 0) =>
  bytes('ID3', [4, 0, flags, (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);

describe('sniff', () => {
  it('looks past an ID3 tag to what follows it', () => {
    expect(sniff(Buffer.concat([id3(0), bytes([0xff, 0xfb, 0x90, 0x64])]))).toBe('mp3');
    expect(sniff(Buffer.concat([id3(20), Buffer.alloc(20), bytes('fLaC', [0, 0, 0, 34])]))).toBe('flac');
    // a footer (flag 0x10) adds 10 bytes after the tag
    expect(sniff(Buffer.concat([id3(4, 0x10), Buffer.alloc(14), bytes([0xff, 0xfb, 0x90, 0x64])]))).toBe('mp3');
  });

  it('calls an ID3 tag glued onto something that is not audio unknown', () => {
    expect(sniff(Buffer.concat([id3(0), bytes('<html><body>hello</body></html>')]))).toBe('unknown');
  });

  it('trusts a tag that runs past the sniffed bytes (cover art) or a header cut short', () => {
    expect(sniff(Buffer.concat([id3(100_000), Buffer.alloc(4000)]))).toBe('mp3');
    expect(sniff(bytes('ID3', [4, 0]))).toBe('mp3');
  });
});
