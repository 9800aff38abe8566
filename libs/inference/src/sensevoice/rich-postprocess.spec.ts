import { formatStrV2, richTranscriptionPostprocess } from './rich-postprocess';

describe('richTranscriptionPostprocess (FunASR port)', () => {
  it.each([
    // spec §5 examples
    ['<|zh|><|HAPPY|><|BGM|><|withitn|>你好。', '🎼你好。😊'],
    ['<|en|><|NEUTRAL|><|Speech|><|woitn|>hello world. <|en|><|NEUTRAL|><|Speech|><|woitn|>how are you?', 'hello world.how are you?'],
    // Cough renders 🤧 (the 😷 of emoji_dict is unreachable); EMO_UNKNOWN and NEUTRAL give no emoji
    ['<|en|><|EMO_UNKNOWN|><|Cough|><|woitn|>ahem', '🤧ahem'],
    ['<|en|><|NEUTRAL|><|Speech|><|woitn|>plain', 'plain'],
    // "The." quirk
    ['<|en|><|NEUTRAL|><|Speech|><|withitn|>The. End', 'End'],
    // nospeech + Event_UNK becomes ❓
    ['<|nospeech|><|Event_UNK|>', '❓'],
    // the first present event in dict order is prepended first, so the last one ends up leftmost
    ['<|en|><|SAD|><|BGM|><|Laughter|><|woitn|>oh no', '😀🎼oh no😔'],
  ])('%s → %s', (input, expected) => {
    expect(richTranscriptionPostprocess(input)).toBe(expected);
  });

  it('drops a repeated leading event and a repeated trailing emotion across segments', () => {
    const s = '<|en|><|HAPPY|><|BGM|><|woitn|>a <|en|><|HAPPY|><|BGM|><|woitn|>b';
    expect(richTranscriptionPostprocess(s)).toBe('🎼ab😊');
  });

  it('skips an event-only segment instead of failing (FunASR #2681 guard)', () => {
    const s = '<|en|><|NEUTRAL|><|BGM|><|woitn|>music <|en|><|NEUTRAL|><|BGM|><|woitn|>';
    expect(richTranscriptionPostprocess(s)).toBe('🎼music');
  });

  it('handles astral emoji as one character (Python indexes code points)', () => {
    // the 😊 at the end of segment 1 is a surrogate pair; dropping one UTF-16 unit would leave garbage
    const s = '<|en|><|HAPPY|><|Speech|><|woitn|>yes <|en|><|HAPPY|><|Speech|><|woitn|>again';
    const out = richTranscriptionPostprocess(s);
    expect(out).toBe('yesagain😊');
    expect(out).not.toMatch(/[\uD800-\uDFFF](?![\uDC00-\uDFFF])/u);
  });

  it('picks the most frequent emotion, first in dict order on ties', () => {
    expect(formatStrV2('<|SAD|><|HAPPY|><|SAD|>x')).toBe('x😔');
    expect(formatStrV2('<|SAD|><|HAPPY|>x')).toBe('x😊');
  });
});
