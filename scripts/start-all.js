#!/usr/bin/env node
'use strict';
// `npm start`: the gateway and every worker as separate processes against REDIS_URL, logs prefixed by service.
// Ctrl-C / SIGTERM is passed on, so workers finish their in-flight jobs before the processes exit.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const services = (process.env.EARSHOT_SERVICES || 'gateway,asr,lid,ser,aed,cry,itn').split(',').map((s) => s.trim()).filter(Boolean);
const children = [];
let stopping = false;

// Cameras keep their latency when batch work saturates the CPU only if their clips are scored in a process of
// their own that the batch workers cannot starve (docs/reliability.md, Backpressure): `cry` is the AED app serving
// the camera queue alone, and the batch workers run at a lower CPU priority. Variables set by the caller win.
const BATCH = new Set(['asr', 'lid', 'ser', 'aed', 'itn']);
function envFor(name) {
  const env = { ...process.env };
  if (BATCH.has(name) && env.CPU_NICE === undefined) env.CPU_NICE = '10';
  if (name === 'aed' && services.includes('cry') && env.AED_SERVE === undefined) env.AED_SERVE = 'aed';
  if (name === 'cry') Object.assign(env, { AED_SERVE: 'cry', AED_PORT: env.CRY_PORT || '3106' });
  return env;
}

for (const name of services) {
  const main = join(root, 'dist', 'apps', name === 'cry' ? 'aed' : name, 'src', 'main.js');
  if (!existsSync(main)) {
    process.stderr.write(`start: ${main} is missing; run \`npm run build\` first\n`);
    process.exit(1);
  }
  const child = spawn(process.execPath, [main], { cwd: root, env: envFor(name), stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (d) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop();
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    process.stderr.write(`[${name}] exited (${signal || code})\n`);
    if (!stopping) stop(code || 1);
  });
  children.push(child);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  const force = setTimeout(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')), 30000);
  force.unref();
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
