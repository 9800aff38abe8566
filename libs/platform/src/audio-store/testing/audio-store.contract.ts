import { randomUUID } from 'node:crypto';
import { EarshotError } from '@earshot/contracts';
import { AudioStore } from '../audio-store';

export function audioStoreContract(name: string, make: () => AudioStore & { close?: () => Promise<void> }): void {
  describe(`${name} audio store`, () => {
    let store: AudioStore & { close?: () => Promise<void> };
    beforeEach(() => {
      store = make();
    });
    afterEach(async () => {
      await store.close?.();
    });

    it('stores PCM once and reads back ranges exactly', async () => {
      const pcm = Float32Array.from({ length: 16000 }, (_, i) => Math.sin(i / 10) * 0.5);
      const ref = await store.put(randomUUID(), pcm, 60);
      expect(ref).toMatchObject({ sampleRate: 16000, samples: 16000, durationSec: 1 });
      expect(Array.from(await store.get(ref))).toEqual(Array.from(pcm));
      expect(Array.from(await store.get(ref, 100, 200))).toEqual(Array.from(pcm.subarray(100, 200)));
      expect((await store.get(ref, 15990, 99999)).length).toBe(10);
      expect((await store.get(ref, 500, 500)).length).toBe(0);
    });

    it('reports expired or deleted audio as NOT_FOUND', async () => {
      const ref = await store.put(randomUUID(), new Float32Array(10), 60);
      await store.delete(ref);
      const err = await store.get(ref).catch((e: unknown) => e);
      expect((err as EarshotError).code).toBe('NOT_FOUND');
    });
  });
}
