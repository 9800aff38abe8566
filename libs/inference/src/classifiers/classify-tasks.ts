import { EarshotError } from '@earshot/contracts';
import { WindowedClassifier, argmax } from './windowed-classifier';

/** A `classify --task <name>` entry: which model directory (under MODELS_DIR) answers it. */
export interface ClassifyTask {
  model: string;
  description: string;
}

/**
 * Tasks of `earshot classify`. Every "classifier"-format model is driven the same way (manifest-driven
 * front-end, windows, aggregation), so adding a task is one line here.
 */
export const CLASSIFY_TASKS: Readonly<Record<string, ClassifyTask>> = {
  aed: {
    model: 'aed-events',
    description: 'audio events: Cry, Laughter, Cough, Sneeze, Applause, Breath, BGM, Speech, other',
  },
  lid: { model: 'lid-en-ko', description: 'spoken language: en, ko (the only languages the model heard)' },
  ser: { model: 'ser-4class', description: 'speech emotion: neutral, happy, sad, angry (trained on en and ko speech)' },
};

export function classifyTask(name: string): ClassifyTask {
  const task = Object.prototype.hasOwnProperty.call(CLASSIFY_TASKS, name) ? CLASSIFY_TASKS[name] : undefined;
  if (!task)
    throw new EarshotError(
      'INVALID_ARGUMENT',
      `Unknown task "${name}"; one of: ${Object.keys(CLASSIFY_TASKS).join(', ')}`,
      'task',
    );
  return task;
}

export interface ClipLabel {
  /** Top label, or "silence" when the audio is under the model's energy floor (no model call). */
  label: string;
  scores: Record<string, number>;
}

export async function classifyClip(
  classifier: WindowedClassifier,
  samples: Float32Array,
): Promise<ClipLabel> {
  const r = await classifier.classify(samples);
  const labels = classifier.model.labels;
  const scores: Record<string, number> = {};
  labels.forEach((l, i) => (scores[l] = Math.round(r.scores[i] * 1e4) / 1e4));
  return { label: r.silent ? 'silence' : labels[argmax(r.scores)], scores };
}
