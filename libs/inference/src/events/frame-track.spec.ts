import { FrameTrack } from './frame-track';

describe('FrameTrack', () => {
  it('averages overlapping windows and releases frames in order', () => {
    const track = new FrameTrack(1);
    const seen: Array<[number, number]> = [];
    const emit = (i: number, s: Float32Array) => seen.push([i, s[0]]);
    track.add(0, Float32Array.from([1, 1, 1, 1]), 4);
    track.release(emit, 2); // the next window starts at frame 2
    track.add(2, Float32Array.from([0, 0, 0, 0]), 4);
    track.release(emit);
    expect(seen).toEqual([
      [0, 1],
      [1, 1],
      [2, 0.5],
      [3, 0.5],
      [4, 0],
      [5, 0],
    ]);
  });

  it('skips frames no window covered (silent windows)', () => {
    const track = new FrameTrack(2);
    const seen: number[] = [];
    track.add(0, Float32Array.from([1, 0, 1, 0]), 2);
    track.release((i) => seen.push(i), 10);
    track.add(10, Float32Array.from([0, 1]), 1);
    track.release((i) => seen.push(i));
    expect(seen).toEqual([0, 1, 10]);
  });

  it('keeps memory bounded over many windows', () => {
    const track = new FrameTrack(9);
    const frames = new Float32Array(125 * 9).fill(0.5);
    let n = 0;
    for (let w = 0; w < 2000; w++) {
      track.release(() => n++, w * 64);
      track.add(w * 64, frames, 125);
    }
    track.release(() => n++);
    expect(n).toBe(1999 * 64 + 125);
    // internal buffers stay around one window, not the whole stream
    expect((track as unknown as { counts: Uint16Array }).counts.length).toBeLessThan(1024);
  });

  it('refuses a window before frames already released', () => {
    const track = new FrameTrack(1);
    track.add(0, Float32Array.from([1, 1]), 2);
    track.release(() => undefined, 2);
    expect(() => track.add(1, Float32Array.from([1]), 1)).toThrow(RangeError);
  });
});
