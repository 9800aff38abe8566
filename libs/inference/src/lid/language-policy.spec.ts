import { combineLanguage, tagDistribution } from './language-policy';

const own = (en: number) => ({ label: en >= 0.5 ? 'en' : 'ko', scores: { en, ko: 1 - en } });

describe('combineLanguage', () => {
  it('uses our model alone when SenseVoice did not run', () => {
    expect(combineLanguage(own(0.9), null)).toEqual({
      label: 'en',
      scores: { en: 0.9, ko: 0.1 },
      source: 'own',
    });
  });

  it("uses SenseVoice's distribution (without nospeech) when our model has nothing", () => {
    const r = combineLanguage(
      { label: 'silence', scores: { en: 0, ko: 0 } },
      { label: 'ja', score: 0.6, scores: { ja: 0.6, zh: 0.2, nospeech: 0.2 } },
    );
    expect(r).toEqual({ label: 'ja', scores: { ja: 0.75, zh: 0.25 }, source: 'sensevoice' });
  });

  it('lets our model decide between the languages it saw', () => {
    // SenseVoice leans en, our model says ko: within en/ko our model wins
    const r = combineLanguage(own(0.1), { label: 'en', score: 0.7, scores: { en: 0.7, ko: 0.2, zh: 0.1 } });
    expect(r?.label).toBe('ko');
    expect(r?.source).toBe('own+sensevoice');
    expect(r?.scores.ko).toBeCloseTo(0.81, 4);
    expect(r?.scores.en).toBeCloseTo(0.09, 4);
    expect(r?.scores.zh).toBeCloseTo(0.1, 4);
  });

  it('keeps SenseVoice in charge of languages our model never saw', () => {
    const r = combineLanguage(own(0.95), {
      label: 'ja',
      score: 0.8,
      scores: { ja: 0.8, en: 0.1, ko: 0.05, zh: 0.05 },
    });
    expect(r?.label).toBe('ja');
    expect(r?.scores.ja).toBeCloseTo(0.8, 4);
    expect(r?.scores.en).toBeCloseTo(0.1425, 4);
  });

  it('falls back to our model when SenseVoice said nospeech', () => {
    expect(combineLanguage(own(0.8), { label: 'nospeech', score: 1, scores: { nospeech: 1 } })?.source).toBe(
      'own',
    );
  });

  it('returns null when neither has evidence', () => {
    expect(combineLanguage(null, null)).toBeNull();
    expect(combineLanguage(null, { label: 'nospeech', score: 0.9 })).toBeNull();
  });

  it('ignores non-finite or negative tag scores', () => {
    expect(tagDistribution({ label: 'en', score: 0.5, scores: { en: NaN, ko: -1, zh: 1 } })).toEqual({
      zh: 1,
    });
  });

  it('reads a tag without a distribution as its top label only', () => {
    expect(tagDistribution({ label: 'zh', score: 0.4 })).toEqual({ zh: 1 });
  });
});
