/**
 * The "direct" alternative to the cry queue, for `bench:cry` only: the same model answering request/reply
 * messages over @nestjs/microservices' Redis transport (pub/sub: a message nobody listens to is lost and the
 * caller only learns it from its timeout). The product uses the BullMQ path; this exists to measure both.
 */
import 'reflect-metadata';
import { join } from 'node:path';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, MicroserviceOptions, Payload, Transport } from '@nestjs/microservices';
import { createAudioDecoder } from '@earshot/audio';
import { CryResult } from '@earshot/contracts';
import { CryDetector } from '@earshot/inference';

export const CRY_DIRECT_PATTERN = 'earshot.cry.direct';

let detector: CryDetector;
const decoder = createAudioDecoder();

@Controller()
class CryDirectController {
  @MessagePattern(CRY_DIRECT_PATTERN)
  async detect(@Payload() data: { wav: string }): Promise<CryResult> {
    const audio = await decoder.decodeBuffer(Buffer.from(data.wav, 'base64'), {}, { maxDurationSec: 30 });
    return detector.detect(audio.samples);
  }
}

@Module({ controllers: [CryDirectController] })
class CryDirectModule {}

async function main(): Promise<void> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  detector = await CryDetector.load(join(__dirname, '..', '..', '..', 'models', 'aed-events'));
  await detector.detect(new Float32Array(16000).fill(0.1));
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(CryDirectModule, {
    transport: Transport.REDIS,
    options: { host: url.hostname, port: Number(url.port || 6379) },
    logger: ['error'],
  });
  await app.listen();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
