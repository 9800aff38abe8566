import { Test } from '@nestjs/testing';
import { InMemoryQueueDriver, loadConfig, MemoryAudioStore } from '@earshot/platform';
import { AedConfig } from './aed.config';
import { AedModule } from './aed.module';
import { AedProcessor } from './aed.processor';
import { CryProcessor } from './cry.processor';

describe('AED_SERVE', () => {
  it('serves both queues by default, one when told, and rejects anything else', () => {
    expect(['cry', 'aed'].map((q) => loadConfig(AedConfig, {}).serves(q as 'cry'))).toEqual([true, true]);
    const cameras = loadConfig(AedConfig, { AED_SERVE: 'cry' });
    expect([cameras.serves('cry'), cameras.serves('aed')]).toEqual([true, false]);
    expect(() => loadConfig(AedConfig, { AED_SERVE: 'asr' })).toThrow(/AED_SERVE/);
  });

  it('a cameras-only process registers no timeline worker', async () => {
    const config = loadConfig(AedConfig, { AED_SERVE: 'cry' });
    const moduleRef = await Test.createTestingModule({
      imports: [AedModule.forRoot({ config, driver: new InMemoryQueueDriver(), store: new MemoryAudioStore() })],
    }).compile();
    expect(moduleRef.get(CryProcessor)).toBeInstanceOf(CryProcessor);
    expect(() => moduleRef.get(AedProcessor)).toThrow();
  });
});
