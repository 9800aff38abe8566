import { RichTranscript } from '@earshot/contracts';
import { renderOpenAi, words } from './openai-render';
import { renderRich, tagString } from './transcript-render';

const t: RichTranscript = {
  language: 'en',
  emotion: 'HAPPY',
  events: ['Laughter'],
  text: 'call 911',
  text_spoken: 'call nine one one',
  duration: 3,
  itn: true,
  segments: [
    {
      start: 0.5,
      end: 2.5,
      text: 'call 911',
      text_spoken: 'call nine one one',
      language: { label: 'en', score: 0.9, source: 'lid' },
      emotion: { label: 'HAPPY', score: 0.6, source: 'ser' },
      events: [{ label: 'Laughter', start: 2, end: 2.4, score: 0.7 }],
      tokens: [
        { text: ' ca', start: 0.5, id: 1 },
        { text: 'll', start: 0.7, id: 2 },
        { text: ' nine', start: 1.0, id: 3 },
        { text: ' one', start: 1.5, id: 4 },
      ],
      words: [
        { word: 'call', start: 0.5, end: 1.0 },
        { word: '911', start: 1.0, end: 2.5 },
      ],
    },
  ],
  audio_events: [{ label: 'Laughter', start: 2, end: 2.4, score: 0.7 }],
  models: { asr: 'a', lid: 'l', ser: 's', aed: 'e' },
  missing: [],
};

describe('OpenAI renderings', () => {
  it('gives the written words of every segment with their times', () => {
    expect(words(t)).toEqual([
      { word: 'call', start: 0.5, end: 1.0 },
      { word: '911', start: 1.0, end: 2.5 },
    ]);
  });

  it('keeps every OpenAI verbose_json field and adds the rich ones', () => {
    const body = renderOpenAi(t, { format: 'verbose_json', language: 'auto', words: false, segments: true })
      .body as { segments: unknown[]; words?: unknown };
    expect(body).toMatchObject({
      task: 'transcribe',
      language: 'english',
      duration: 3,
      text: 'call 911',
      itn: true,
    });
    expect(body.words).toBeUndefined();
    expect(body.segments[0]).toEqual({
      id: 0,
      seek: 0,
      start: 0.5,
      end: 2.5,
      text: 'call 911',
      tokens: [1, 2, 3, 4],
      temperature: 0,
      avg_logprob: 0,
      compression_ratio: 1,
      no_speech_prob: 0,
      language: t.segments[0].language,
      emotion: t.segments[0].emotion,
      events: t.segments[0].events,
    });
  });

  it('renders srt and vtt cues and the SenseVoice tag string', () => {
    expect(renderOpenAi(t, { format: 'srt', language: 'auto', words: false, segments: true }).body).toBe(
      '1\n00:00:00,500 --> 00:00:02,500\ncall 911\n',
    );
    const vtt = renderOpenAi(t, { format: 'vtt', language: 'auto', words: false, segments: true });
    expect(vtt).toEqual({
      contentType: 'text/vtt; charset=utf-8',
      body: 'WEBVTT\n\n00:00:00.500 --> 00:00:02.500\ncall 911\n',
    });
    expect(tagString(t.segments[0], true)).toBe('<|en|><|HAPPY|><|Laughter|><|withitn|>call 911');
    expect(renderRich(t, 'rich').body).toBe('😀call 911😊\n');
  });
});
