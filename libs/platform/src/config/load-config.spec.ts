import { Expose } from 'class-transformer';
import { IsInt, Min } from 'class-validator';
import { EarshotError } from '@earshot/contracts';
import { CommonConfig } from './common.config';
import { loadConfig } from './load-config';

class DemoConfig extends CommonConfig {
  @Expose({ name: 'DEMO_PORT' })
  @IsInt({ message: 'DEMO_PORT must be a whole number' })
  @Min(1)
  port: number = 3100;
}

describe('loadConfig', () => {
  it('applies defaults when the environment is empty', () => {
    const c = loadConfig(DemoConfig, {});
    expect(c.port).toBe(3100);
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.ortIntraOpThreads).toBe(1);
  });

  it('converts and validates values', () => {
    const c = loadConfig(DemoConfig, { DEMO_PORT: '4000', REDIS_URL: 'redis://redis:6379', UNRELATED: 'x' });
    expect(c.port).toBe(4000);
    expect(c.redisUrl).toBe('redis://redis:6379');
  });

  it('fails fast with every problem named', () => {
    try {
      loadConfig(DemoConfig, { DEMO_PORT: 'abc', LOG_LEVEL: 'chatty', REDIS_URL: 'localhost' });
      throw new Error('expected a failure');
    } catch (e) {
      expect(e).toBeInstanceOf(EarshotError);
      const msg = (e as EarshotError).message;
      expect((e as EarshotError).code).toBe('CONFIG_INVALID');
      expect(msg).toContain('DEMO_PORT');
      expect(msg).toContain('LOG_LEVEL');
      expect(msg).toContain('REDIS_URL');
    }
  });
});
