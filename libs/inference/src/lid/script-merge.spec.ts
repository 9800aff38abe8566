import { mergeScriptEvidence } from './script-merge';

describe('mergeScriptEvidence', () => {
  const ownEnKo = { label: 'en', scores: { en: 0.9, ko: 0.1 } };

  it('leaves confident audio alone when the script agrees', () => {
    expect(mergeScriptEvidence(ownEnKo, 'hello there my friend')).toEqual({
      label: 'en',
      scores: { en: 0.9, ko: 0.1 },
      text: 'unused',
      letters: 18,
    });
  });

  it('leaves confident audio alone when the script names another seen language (audio wins)', () => {
    expect(mergeScriptEvidence(ownEnKo, '안녕하세요 반갑습니다')?.label).toBe('en');
  });

  it('brings in a language the audio model never saw (Kana text, en/ko model)', () => {
    const r = mergeScriptEvidence(ownEnKo, '今日はいい天気ですね');
    expect(r?.text).toBe('unseen-language');
    expect(r?.label).toBe('ja');
    expect(r?.scores.ja).toBeCloseTo(0.8, 4);
  });

  it('does not call a language unseen when the audio evidence covers it (SenseVoice ran)', () => {
    const audio = { label: 'zh', scores: { zh: 0.85, ja: 0.1, en: 0.05 } };
    expect(
      mergeScriptEvidence(audio, '今天天气很好', { audioLanguages: ['zh', 'en', 'yue', 'ja', 'ko'] })?.text,
    ).toBe('unused');
  });

  it('lets the text tip weak audio evidence', () => {
    const r = mergeScriptEvidence({ label: 'en', scores: { en: 0.55, ko: 0.45 } }, '오늘 날씨가 정말 좋네요');
    expect(r?.text).toBe('weak-audio');
    expect(r?.label).toBe('ko');
  });

  it('scales the text by how many letters it has', () => {
    const short = mergeScriptEvidence({ label: 'en', scores: { en: 0.55, ko: 0.45 } }, '네요');
    const long = mergeScriptEvidence(
      { label: 'en', scores: { en: 0.55, ko: 0.45 } },
      '오늘 날씨가 정말 좋네요',
    );
    expect(short!.scores.ko).toBeLessThan(long!.scores.ko);
  });

  it('ignores text without enough letters', () => {
    expect(mergeScriptEvidence(ownEnKo, '1 2 3 !')?.text).toBe('unused');
  });

  it('uses the text alone when there is no audio evidence, and returns null with neither', () => {
    expect(mergeScriptEvidence(null, 'bonjour tout le monde')?.label).toBe('en');
    expect(mergeScriptEvidence(null, '...')).toBeNull();
  });
});
