import { combineEmotion, mapSenseVoice } from './emotion-policy';

const own = { label: 'angry', scores: { neutral: 0.1, happy: 0.1, sad: 0.1, angry: 0.7 } };
const svHappy = { label: 'HAPPY', score: 0.6, scores: { HAPPY: 0.6, NEUTRAL: 0.2, SURPRISED: 0.2 } };

describe('combineEmotion', () => {
  it('uses our model for languages it heard, even when SenseVoice disagrees', () => {
    const r = combineEmotion({ own, sensevoice: svHappy, language: 'ko' });
    expect(r).toMatchObject({ label: 'angry', source: 'own', languageSeen: true });
  });

  it("uses SenseVoice's tag, mapped to our four labels, for languages our model never heard", () => {
    const r = combineEmotion({ own, sensevoice: svHappy, language: 'ja' });
    expect(r?.label).toBe('happy');
    expect(r?.source).toBe('sensevoice');
    expect(r?.languageSeen).toBe(false);
    expect(r?.scores).toEqual({ neutral: 0.25, happy: 0.75, sad: 0, angry: 0 });
  });

  it('falls back to our model (flagged out of domain) when SenseVoice did not run', () => {
    expect(combineEmotion({ own, language: 'zh' })).toMatchObject({
      label: 'angry',
      source: 'own',
      languageSeen: false,
    });
  });

  it('treats an unknown language as seen-or-unknown: our model', () => {
    expect(combineEmotion({ own, sensevoice: svHappy })).toMatchObject({ source: 'own', languageSeen: null });
  });

  it('uses SenseVoice when our model had only silence', () => {
    expect(
      combineEmotion({ own: { label: 'silence', scores: {} }, sensevoice: svHappy, language: 'en' })?.source,
    ).toBe('sensevoice');
  });

  it('returns null with no usable evidence', () => {
    expect(
      combineEmotion({
        sensevoice: { label: 'EMO_UNKNOWN', score: 1, scores: { EMO_UNKNOWN: 1 } },
        language: 'ja',
      }),
    ).toBeNull();
    expect(combineEmotion({})).toBeNull();
  });
});

describe('mapSenseVoice', () => {
  it('drops labels we do not have and renormalises', () => {
    expect(mapSenseVoice({ SAD: 0.3, FEARFUL: 0.4, ANGRY: 0.3 })).toEqual({
      neutral: 0,
      happy: 0,
      sad: 0.5,
      angry: 0.5,
    });
  });
});
