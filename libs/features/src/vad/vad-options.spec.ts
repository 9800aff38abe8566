import { EarshotError } from '@earshot/contracts';
import { resolveVadOptions, toSampleParams } from './vad-options';

describe('resolveVadOptions', () => {
  it('fills silero/sherpa defaults and derives the negative threshold', () => {
    expect(resolveVadOptions()).toEqual({
      threshold: 0.5,
      negThreshold: 0.35,
      minSpeechSec: 0.25,
      minSilenceSec: 0.5,
      speechPadSec: 0.03,
      maxSegmentSec: 30,
    });
    expect(resolveVadOptions({ threshold: 0.8 }).negThreshold).toBeCloseTo(0.65);
    expect(resolveVadOptions({ threshold: 0.1 }).negThreshold).toBe(0.01);
    expect(resolveVadOptions({ threshold: 0.7, negThreshold: 0.2 }).negThreshold).toBe(0.2);
  });

  it('ignores undefined fields (CLI flags not given)', () => {
    expect(resolveVadOptions({ threshold: undefined, maxSegmentSec: 12 })).toMatchObject({
      threshold: 0.5,
      maxSegmentSec: 12,
    });
  });

  it.each([
    ['threshold', { threshold: 0 }],
    ['threshold', { threshold: 1.5 }],
    ['threshold', { threshold: NaN }],
    ['negThreshold', { threshold: 0.5, negThreshold: 0.6 }],
    ['minSilenceSec', { minSilenceSec: -1 }],
    ['minSpeechSec', { minSpeechSec: Infinity }],
    ['maxSegmentSec', { maxSegmentSec: 31 }],
    ['maxSegmentSec', { maxSegmentSec: 0.5 }],
    ['speechPadSec', { maxSegmentSec: 2, speechPadSec: 0.6 }],
  ])('rejects a bad %s with INVALID_ARGUMENT naming it', (param, given) => {
    try {
      resolveVadOptions(given as never);
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(EarshotError);
      expect((e as EarshotError).code).toBe('INVALID_ARGUMENT');
      expect((e as EarshotError).param).toBe(param);
      expect((e as EarshotError).message).toContain(param);
    }
  });

  it('converts to samples at 16 kHz', () => {
    expect(toSampleParams(resolveVadOptions())).toEqual({
      threshold: 0.5,
      negThreshold: 0.35,
      minSpeechSamples: 4000,
      minSilenceSamples: 8000,
      padSamples: 480,
      maxSegmentSamples: 480000,
    });
  });
});
