import { EventTimeline, TimelineOptions, buildTimeline } from './event-timeline';

const labels = ['Cry', 'Speech', 'other'];
const base: TimelineOptions = {
  labels,
  thresholds: [0.6, 0.5, 0.5],
  frameSeconds: 0.04,
  mergeGapSeconds: 0.08, // two frames
  minDurationSeconds: 0.08,
  ignore: ['other'],
};

/** frames[t] = [cry, speech, other] */
function matrix(rows: number[][]): Float32Array {
  return Float32Array.from(rows.flat());
}

describe('EventTimeline', () => {
  it('merges consecutive frames above the threshold into one segment with the max score', () => {
    const m = matrix([
      [0.1, 0, 0],
      [0.7, 0, 0],
      [0.9, 0, 0],
      [0.65, 0, 0],
      [0.2, 0, 0],
    ]);
    expect(buildTimeline(m, 5, base)).toEqual([
      { label: 'Cry', start: 0.04, end: 0.16, score: expect.closeTo(0.9, 6) },
    ]);
  });

  it('uses each label threshold: 0.55 is Speech but not Cry', () => {
    const m = matrix([
      [0.55, 0.55, 0],
      [0.55, 0.55, 0],
      [0.55, 0.55, 0],
    ]);
    const out = buildTimeline(m, 3, base);
    expect(out.map((s) => s.label)).toEqual(['Speech']);
    expect(out[0]).toMatchObject({ start: 0, end: 0.12 });
  });

  it('bridges gaps up to mergeGapSeconds and splits longer ones', () => {
    const on = [0.9, 0, 0];
    const off = [0, 0, 0];
    const bridged = buildTimeline(matrix([on, on, off, off, on, on]), 6, base);
    expect(bridged).toHaveLength(1);
    expect(bridged[0]).toMatchObject({ start: 0, end: 0.24 });
    const split = buildTimeline(matrix([on, on, off, off, off, on, on]), 7, base);
    expect(split.map((s) => [s.start, s.end])).toEqual([
      [0, 0.08],
      [0.2, 0.28],
    ]);
  });

  it('drops segments shorter than minDurationSeconds and ignored labels', () => {
    const out = buildTimeline(
      matrix([
        [0.9, 0, 0.9],
        [0, 0, 0.9],
        [0, 0, 0.9],
      ]),
      3,
      base,
    );
    expect(out).toEqual([]);
  });

  it('a frame exactly at the threshold counts as on', () => {
    const out = buildTimeline(
      matrix([
        [0.6, 0, 0],
        [0.6, 0, 0],
      ]),
      2,
      base,
    );
    expect(out).toHaveLength(1);
  });

  it('clips segment ends to the audio duration and orders by start', () => {
    const m = matrix([
      [0, 0.9, 0],
      [0.9, 0.9, 0],
      [0.9, 0.9, 0],
      [0.9, 0.9, 0],
    ]);
    const out = buildTimeline(m, 4, base, 0.15);
    expect(out.map((s) => [s.label, s.start, s.end])).toEqual([
      ['Speech', 0, 0.15],
      ['Cry', 0.04, 0.15],
    ]);
    // clipping can push a short segment under the minimum duration
    expect(buildTimeline(m, 4, base, 0.1).map((s) => s.label)).toEqual(['Speech']);
  });

  it('treats frames never pushed as off and refuses frames out of order', () => {
    const t = new EventTimeline(base);
    t.push(0, [0.9, 0, 0]);
    t.push(1, [0.9, 0, 0]);
    t.push(10, [0.9, 0, 0]);
    t.push(11, [0.9, 0, 0]);
    expect(t.finish().map((s) => s.start)).toEqual([0, 0.4]);
    const u = new EventTimeline(base);
    u.push(5, [0, 0, 0]);
    expect(() => u.push(4, [0, 0, 0])).toThrow(RangeError);
  });
});
