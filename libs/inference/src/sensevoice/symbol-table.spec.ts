import { SymbolTable } from './symbol-table';

describe('SymbolTable', () => {
  it('reads sherpa tokens.txt, including a single-field line as the " " piece', () => {
    const t = SymbolTable.parseTokensTxt('<blank> 0\n<s> 1\n▁hello 2\n3\nworld 4\n');
    expect(t.size).toBe(5);
    expect(t.piece(3)).toBe(' ');
    expect(t.display(2)).toBe(' hello');
    expect(t.display(4)).toBe('world');
    expect(t.id('▁hello')).toBe(2);
  });

  it('reads a FunASR tokens.json list', () => {
    const t = SymbolTable.parseJson('["<blank>","<s>","▁a"]');
    expect(t.pieces).toEqual(['<blank>', '<s>', '▁a']);
  });

  it('rejects gaps and garbage with MODEL_INVALID', () => {
    expect(() => SymbolTable.parseTokensTxt('a 0\nb 2\n')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(() => SymbolTable.parseTokensTxt('a b c\n')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(() => SymbolTable.parseJson('{"a":1}')).toThrow(expect.objectContaining({ code: 'MODEL_INVALID' }));
    expect(() => SymbolTable.fromFile('/nonexistent/tokens.txt')).toThrow(expect.objectContaining({ code: 'MODEL_NOT_FOUND' }));
  });
});
