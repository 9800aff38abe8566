/** Bytes read from the start of an input to recognise it. */
export const SNIFF_BYTES = 4096;

export type SniffedKind =
  | 'wav'
  | 'flac'
  | 'mp3'
  | 'ogg'
  | 'mp4'
  | 'webm'
  | 'matroska'
  | 'aac'
  | 'riff'
  | 'caf'
  | 'aiff'
  | 'amr'
  | 'unknown';

/**
 * Recognises containers by their signatures. Only `wav` decides the path (pure TypeScript); the rest go to ffmpeg,
 * and the verdict only sharpens errors (a file with an audio signature that fails is "truncated"/"decode failed",
 * one without is "not audio").
 */
export function sniff(head: Uint8Array): SniffedKind {
  const a = (at: number, s: string) => {
    if (head.length < at + s.length) return false;
    for (let i = 0; i < s.length; i++) if (head[at + i] !== s.charCodeAt(i)) return false;
    return true;
  };
  if (a(0, 'RIFF')) return a(8, 'WAVE') ? 'wav' : 'riff';
  if (a(0, 'RF64') || a(0, 'BW64')) return 'riff';
  if (a(0, 'fLaC')) return 'flac';
  if (a(0, 'OggS')) return 'ogg';
  if (a(0, 'ID3')) return afterId3(head);
  if (a(4, 'ftyp')) return 'mp4';
  if (a(0, 'caff')) return 'caf';
  if (a(0, 'FORM') && (a(8, 'AIFF') || a(8, 'AIFC'))) return 'aiff';
  if (a(0, '#!AMR')) return 'amr';
  if (head.length >= 4 && head[0] === 0x1a && head[1] === 0x45 && head[2] === 0xdf && head[3] === 0xa3) {
    return containsAscii(head, 'webm') ? 'webm' : 'matroska';
  }
  if (head.length >= 2 && head[0] === 0xff) {
    if ((head[1] & 0xf6) === 0xf0) return 'aac'; // ADTS
    if ((head[1] & 0xe0) === 0xe0) return 'mp3'; // MPEG audio frame sync
  }
  return 'unknown';
}

/**
 * ID3 is only a tag: what follows it decides. Past the sniffed bytes (a large tag, cover art) it is taken for MP3;
 * a tag followed by neither frames nor another container (an ID3 header glued onto HTML) is not audio.
 */
function afterId3(head: Uint8Array): SniffedKind {
  if (head.length < 10) return 'mp3';
  const size = ((head[6] & 0x7f) << 21) | ((head[7] & 0x7f) << 14) | ((head[8] & 0x7f) << 7) | (head[9] & 0x7f);
  const end = 10 + size + (head[5] & 0x10 ? 10 : 0);
  if (end + 4 > head.length) return 'mp3';
  return sniff(head.subarray(end));
}

function containsAscii(b: Uint8Array, s: string): boolean {
  outer: for (let i = 0; i + s.length <= b.length; i++) {
    for (let j = 0; j < s.length; j++) if (b[i + j] !== s.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}
