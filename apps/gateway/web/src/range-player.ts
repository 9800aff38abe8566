/** Plays a time range of the decoded audio with Web Audio, reporting the playing position for the playhead. */
export class RangePlayer {
  private source: AudioBufferSourceNode | null = null;
  private frame = 0;

  constructor(
    private readonly ctx: AudioContext,
    private readonly buffer: AudioBuffer,
  ) {}

  async play(start: number, end: number, onTime: (t: number) => void, onEnd: () => void): Promise<void> {
    this.stop();
    if (this.ctx.state === 'suspended') await this.ctx.resume();
    const from = Math.max(0, Math.min(start, this.buffer.duration));
    const length = Math.max(0, Math.min(end, this.buffer.duration) - from);
    const source = this.ctx.createBufferSource();
    source.buffer = this.buffer;
    source.connect(this.ctx.destination);
    const startedAt = this.ctx.currentTime;
    source.onended = () => {
      if (this.source !== source) return;
      this.stop();
      onEnd();
    };
    source.start(0, from, length);
    this.source = source;
    const tick = () => {
      onTime(from + Math.min(length, this.ctx.currentTime - startedAt));
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    const s = this.source;
    this.source = null;
    if (s) {
      s.onended = null;
      try {
        s.stop();
      } catch {
        // already ended
      }
    }
  }
}
