import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { EarshotError } from '@earshot/contracts';

/** ModelProto field numbers (onnx.proto3) that matter here. */
const METADATA_PROPS_FIELD = 14;
const ENTRY_KEY_FIELD = 1;
const ENTRY_VALUE_FIELD = 2;
/** A metadata entry larger than this is not a key/value pair we can use; refuse instead of allocating it. */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Tag + length prefix never take more than 20 bytes; a little more lets one read cover small fields too. */
const HEAD_BYTES = 32;

/**
 * Reads the custom `metadata_props` of an ONNX file. onnxruntime-node does not expose them, and the
 * sherpa-onnx SenseVoice export keeps its CMVN and query ids there. The graph (hundreds of MB) is skipped by its
 * length prefix with positioned reads, so memory stays at the size of the metadata itself.
 */
export function readOnnxMetadata(path: string): Record<string, string> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw new EarshotError('MODEL_NOT_FOUND', `Cannot open ONNX file ${path}: ${(err as Error).message}`, null, err);
  }
  try {
    const size = fstatSync(fd).size;
    return readTopLevel(fd, size, path);
  } finally {
    closeSync(fd);
  }
}

function readTopLevel(fd: number, size: number, path: string): Record<string, string> {
  const out: Record<string, string> = {};
  const head = Buffer.alloc(HEAD_BYTES);
  let pos = 0;
  while (pos < size) {
    const got = readSync(fd, head, 0, Math.min(HEAD_BYTES, size - pos), pos);
    const cur = { buf: head.subarray(0, got), off: 0 };
    const tag = readVarint(cur, path);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (field === 0) throw invalid(path, `field number 0 at byte ${pos}`);
    switch (wire) {
      case 0:
        readVarint(cur, path);
        pos += cur.off;
        break;
      case 1:
        pos += cur.off + 8;
        break;
      case 5:
        pos += cur.off + 4;
        break;
      case 2: {
        const len = Number(readVarint(cur, path));
        const start = pos + cur.off;
        if (start + len > size) throw invalid(path, `field ${field} runs past the end of the file`);
        if (field === METADATA_PROPS_FIELD) {
          if (len > MAX_ENTRY_BYTES) throw invalid(path, `metadata entry of ${len} bytes`);
          const entry = Buffer.alloc(len);
          readSync(fd, entry, 0, len, start);
          const [key, value] = parseEntry(entry, path);
          out[key] = value;
        }
        pos = start + len;
        break;
      }
      default:
        throw invalid(path, `unsupported wire type ${wire} at byte ${pos}`);
    }
  }
  if (pos !== size) throw invalid(path, 'truncated');
  return out;
}

function parseEntry(buf: Buffer, path: string): [string, string] {
  const cur = { buf, off: 0 };
  let key = '';
  let value = '';
  while (cur.off < buf.length) {
    const tag = readVarint(cur, path);
    const field = Number(tag >> 3n);
    const wire = Number(tag & 7n);
    if (wire !== 2) {
      // StringStringEntryProto has only string fields; anything else is skipped by its wire size.
      if (wire === 0) readVarint(cur, path);
      else if (wire === 1) cur.off += 8;
      else if (wire === 5) cur.off += 4;
      else throw invalid(path, `unsupported wire type ${wire} in a metadata entry`);
      continue;
    }
    const len = Number(readVarint(cur, path));
    if (cur.off + len > buf.length) throw invalid(path, 'metadata entry is truncated');
    const s = buf.toString('utf8', cur.off, cur.off + len);
    cur.off += len;
    if (field === ENTRY_KEY_FIELD) key = s;
    else if (field === ENTRY_VALUE_FIELD) value = s;
  }
  return [key, value];
}

function readVarint(cur: { buf: Buffer; off: number }, path: string): bigint {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (cur.off >= cur.buf.length) throw invalid(path, 'truncated varint');
    const b = cur.buf[cur.off++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return result;
    shift += 7n;
  }
  throw invalid(path, 'varint longer than 10 bytes');
}

function invalid(path: string, why: string): EarshotError {
  return new EarshotError('MODEL_INVALID', `${path} is not a valid ONNX file (${why})`);
}
