import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { EarshotError } from '@earshot/contracts';

/** SentencePiece word-boundary marker (U+2581). */
export const SP_SPACE = '\u2581';

/**
 * Token id -> piece. Reads sherpa-onnx `tokens.txt` ("<piece> <id>" per line; a line with one field is the
 * id of the piece " ", as sherpa's `ReadTokens` does) or a JSON array of pieces (FunASR's `tokens.json`).
 * FunASR's SenseVoice export ships only a SentencePiece `.bpe.model`; a user must list its pieces in id order
 * (`spm.id_to_piece(i)` for every i, as sherpa's export does) into one of these two formats.
 */
export class SymbolTable {
  private readonly ids = new Map<string, number>();

  constructor(readonly pieces: readonly string[]) {
    pieces.forEach((p, i) => {
      if (!this.ids.has(p)) this.ids.set(p, i);
    });
  }

  static fromFile(path: string): SymbolTable {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      throw new EarshotError('MODEL_NOT_FOUND', `Tokens file ${path} is missing`);
    }
    return extname(path) === '.json' ? SymbolTable.parseJson(text, path) : SymbolTable.parseTokensTxt(text, path);
  }

  static parseTokensTxt(text: string, where = 'tokens.txt'): SymbolTable {
    const pieces: string[] = [];
    let line = 0;
    for (const raw of text.split('\n')) {
      line++;
      const fields = raw.split(/[ \t\r\f\v]+/).filter((f) => f.length > 0);
      if (fields.length === 0) continue;
      const piece = fields.length === 1 ? ' ' : fields[0];
      const id = Number(fields.length === 1 ? fields[0] : fields[1]);
      if (!Number.isInteger(id) || id < 0 || fields.length > 2)
        throw new EarshotError('MODEL_INVALID', `${where}:${line}: expected "<piece> <id>"`);
      pieces[id] = piece;
    }
    for (let i = 0; i < pieces.length; i++)
      if (pieces[i] === undefined) throw new EarshotError('MODEL_INVALID', `${where}: token id ${i} is missing`);
    if (pieces.length === 0) throw new EarshotError('MODEL_INVALID', `${where} holds no tokens`);
    return new SymbolTable(pieces);
  }

  static parseJson(text: string, where = 'tokens.json'): SymbolTable {
    let arr: unknown;
    try {
      arr = JSON.parse(text);
    } catch (err) {
      throw new EarshotError('MODEL_INVALID', `${where} is not valid JSON: ${(err as Error).message}`);
    }
    if (!Array.isArray(arr) || arr.length === 0 || !arr.every((p) => typeof p === 'string'))
      throw new EarshotError('MODEL_INVALID', `${where} must be a non-empty JSON array of strings`);
    return new SymbolTable(arr as string[]);
  }

  get size(): number {
    return this.pieces.length;
  }

  piece(id: number): string {
    return this.pieces[id] ?? '';
  }

  id(piece: string): number | undefined {
    return this.ids.get(piece);
  }

  /** sherpa's symbol lookup: a leading "▁" becomes one ASCII space. */
  display(id: number): string {
    const p = this.piece(id);
    return p.startsWith(SP_SPACE) ? ` ${p.slice(1)}` : p;
  }
}
