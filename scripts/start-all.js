#!/usr/bin/env node
'use strict';
// `npm start`: the gateway and every worker as separate processes against REDIS_URL, logs prefixed by service.
// Ctrl-C / SIGTERM is passed on, so workers finish their in-flight jobs before the processes exit.
const { spawn } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const services = (process.env.EARSHOT_SERVICES || 'gateway,asr,lid,ser,aed,itn').split(',').map((s) => s.trim()).filter(Boolean);
const children = [];
let stopping = false;

for (const name of services) {
  const main = join(root, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(main)) {
    process.stderr.write(`start: ${main} is missing; run \`npm run build\` first\n`);
    process.exit(1);
  }
  const child = spawn(process.execPath, [main], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
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
