import { Command } from 'commander';
import { createAudioDecoder } from '@earshot/audio';
import { FeatureFrontend, SENSEVOICE_LFR, readAmMvnFile, writeFeaturesJsonFile } from '@earshot/features';
import { CommonConfig } from '@earshot/platform/config/common.config';
import { loadConfig } from '@earshot/platform/config/load-config';
import { writeJsonLine } from '../cli-output';
import { CommandRegistrar } from './command-registry';

interface FeaturesOptions {
  lfr?: boolean;
  cmvn?: string;
  out: string;
}

/**
 * `earshot features <file> [--lfr] [--cmvn am.mvn] --out X.json`: the SenseVoice front-end (80-dim Kaldi fbank,
 * optionally LFR 7/6 → 560 dims, optionally CMVN from an am.mvn) over the decoded 16 kHz mono audio. X.json is
 * `{"frames": T, "dim": D, "data": [row-major numbers]}`; stdout gets one summary line.
 */
export const registerFeatures: CommandRegistrar = (program: Command) => {
  program
    .command('features')
    .description('Compute Kaldi fbank features (SenseVoice front-end) and write them as JSON')
    .argument('<file>', 'audio file (any common format; decoded to 16 kHz mono)')
    .option('--lfr', 'stack frames with LFR m=7 n=6 (560 dims), as SenseVoice does')
    .option('--cmvn <am.mvn>', 'apply CMVN from a Kaldi am.mvn (after LFR)')
    .requiredOption('--out <file.json>', 'where to write {"frames","dim","data"}')
    .action(async (file: string, opts: FeaturesOptions) => {
      const config = loadConfig(CommonConfig);
      const cmvn = opts.cmvn ? await readAmMvnFile(opts.cmvn) : undefined;
      const audio = await createAudioDecoder({
        ffmpegPath: config.ffmpegPath,
        ffprobePath: config.ffprobePath,
      }).decodeFile(file);
      const frontend = new FeatureFrontend({ lfr: opts.lfr ? SENSEVOICE_LFR : undefined, cmvn });
      const feats = frontend.compute(audio.samples);
      await writeFeaturesJsonFile(opts.out, feats);
      await writeJsonLine({
        out: opts.out,
        frames: feats.frames,
        dim: feats.dim,
        durationSec: audio.durationSec,
      });
    });
};
