import { SenseVoiceRecognizer, UtteranceResult } from '../sensevoice/sensevoice.recognizer';
import { SymbolTable } from '../sensevoice/symbol-table';
import { AsrTranscriber } from './asr.transcriber';

const tokens = new SymbolTable(['<blank>', '▁one', '▁two', '好']);

function tag(label: string) {
  return { label, token: `<|${label}|>`, score: 0.9, scores: { [label]: 0.9 } };
}

function utterance(text: string, itn: 'withitn' | 'woitn', language = 'en', event = 'Speech'): UtteranceResult {
  return {
    language: tag(language),
    emotion: tag('NEUTRAL'),
    event: tag(event),
    itn: tag(itn),
    tokens: [
      { id: 1, piece: '▁one', start: 0.12 },
      { id: 2, piece: '▁two', start: 0.3 },
    ],
    text,
    tagged: `<|${language}|><|NEUTRAL|><|${event}|><|${itn}|>${text}`,
    frames: 20,
  };
}

/** A recognizer double: the transcriber's own logic (segments, times, ITN policy, merging) is what is tested. */
function fakeRecognizer(results: UtteranceResult[]): SenseVoiceRecognizer {
  return { model: { tokens }, recognize: async () => results } as unknown as SenseVoiceRecognizer;
}

const ranges = [
  { start: 16000, end: 48000 },
  { start: 64000, end: 96000 },
];

describe('AsrTranscriber', () => {
  it('reports progress: segmenting, then seconds of speech per decoded batch (in any order), then done', async () => {
    const results = [utterance('one two', 'woitn'), utterance('two', 'woitn')];
    // the recognizer decodes batches in its own (length) order: the second range first here
    const recognizer = {
      model: { tokens },
      recognize: async (_u: Float32Array[], opts: { onBatch?: (b: readonly number[]) => void }) => {
        opts.onBatch?.([1]);
        opts.onBatch?.([0]);
        return results;
      },
    } as unknown as SenseVoiceRecognizer;
    const segmenter = { segment: async () => [{ start: 16000, end: 48000 }, { start: 64000, end: 80000 }] };
    const seen: unknown[] = [];
    await new AsrTranscriber(recognizer, { name: 'm', format: 'sensevoice-sherpa' }, { segmenter }).transcribe(
      new Float32Array(112000),
      {},
      (p) => seen.push(p),
    );
    expect(seen).toEqual([
      { stage: 'segmenting', done_sec: 0, total_sec: 0 },
      { stage: 'transcribing', done_sec: 0, total_sec: 3 },
      { stage: 'transcribing', done_sec: 1, total_sec: 3 },
      { stage: 'transcribing', done_sec: 3, total_sec: 3 },
      { stage: 'done', done_sec: 3, total_sec: 3 },
    ]);
  });

  it('shifts token times by the segment start and merges segments into one result', async () => {
    const t = new AsrTranscriber(fakeRecognizer([utterance('one two', 'woitn'), utterance('two', 'woitn', 'en', 'BGM')]), {
      name: 'm',
      format: 'sensevoice-sherpa',
    });
    const r = await t.transcribeRanges(new Float32Array(112000), ranges);
    expect(r.text).toBe('one two two');
    expect(r.duration).toBe(7);
    expect(r.segments.map((s) => [s.start, s.end])).toEqual([
      [1, 3],
      [4, 6],
    ]);
    expect(r.segments[1].tokens.map((k) => k.start)).toEqual([4.12, 4.3]);
    expect(r.segments[0].tokens[0].text).toBe(' one');
    expect(r.events).toEqual(['Speech', 'BGM']);
    expect(r.language).toBe('en');
    expect(r.model.itn).toBe('none');
    expect(r.rich).toBe('one two🎼two');
  });

  it('reports written form only when the model answered withitn (the ITN step of the flow handles the rest)', async () => {
    const woitn = new AsrTranscriber(fakeRecognizer([utterance('one two', 'woitn')]), { name: 'm', format: 'f' });
    const r = await woitn.transcribeRanges(new Float32Array(64000), [ranges[0]], { itn: true });
    expect(r.text).toBe('one two');
    expect(r.textSpoken).toBe('one two');
    expect(r.model.itn).toBe('none');

    const withitn = new AsrTranscriber(fakeRecognizer([utterance('One, two.', 'withitn')]), { name: 'm', format: 'f' });
    const w = await withitn.transcribeRanges(new Float32Array(64000), [ranges[0]], { itn: true });
    expect(w.model.itn).toBe('model');
    expect(w.text).toBe('One, two.');

    const off = await withitn.transcribeRanges(new Float32Array(64000), [ranges[0]], { itn: false });
    expect(off.model.itn).toBe('none');
  });

  it('glues CJK segments without a space', async () => {
    const t = new AsrTranscriber(fakeRecognizer([utterance('你好', 'woitn', 'zh'), utterance('好', 'woitn', 'zh')]), { name: 'm', format: 'f' });
    expect((await t.transcribeRanges(new Float32Array(112000), ranges)).text).toBe('你好好');
  });
});
