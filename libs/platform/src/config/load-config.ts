import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validateSync, ValidationError } from 'class-validator';
import { EarshotError } from '@earshot/contracts';

export type Env = Readonly<Record<string, string | undefined>>;

/** The one place that reads the process environment. */
export function processEnv(): Env {
  return process.env;
}

/** Names the environment variable, not the property, so the message says what to fix. */
function envName(target: object | undefined, property: string): string {
  const ctor = target?.constructor as (new () => object) | undefined;
  return (ctor && defaultMetadataStorage.findExposeMetadata(ctor, property)?.options.name) || property;
}

/** One line per variable: the first failing rule as declared, with the raw value that was given. */
function describe(errors: ValidationError[], env: Env): string[] {
  return errors.map((e) => {
    const name = envName(e.target, e.property);
    const messages = Object.values(e.constraints ?? {});
    const first = (messages[messages.length - 1] ?? 'is invalid').replace(e.property, name);
    const raw = env[name];
    const message = first.startsWith(name) ? first : `${name}: ${first}`;
    return `${message} (got ${raw === undefined ? 'nothing' : JSON.stringify(raw)})`;
  });
}

/**
 * Builds a typed configuration object from the environment and validates it, failing with every problem
 * at once. Config classes declare their defaults as property initialisers and map env names with @Expose.
 */
export function loadConfig<T extends object>(schema: new () => T, env: Env = processEnv()): T {
  const plain: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') plain[k] = v;
  const instance = plainToInstance(schema, plain, {
    enableImplicitConversion: true,
    excludeExtraneousValues: true,
    exposeDefaultValues: true,
  });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = describe(errors, env);
    throw new EarshotError('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`, null, problems);
  }
  return instance;
}
