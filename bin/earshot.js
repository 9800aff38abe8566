#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI is compiled by `npm run build`, which `npm ci` runs through the prepare script.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const entry = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!existsSync(entry)) {
  process.stderr.write(`earshot: not built yet; run \`npm ci\` or \`npm run build\` in ${join(__dirname, '..')}\n`);
  process.exit(1);
}
require(entry)
  .main(process.argv)
  .then((code) => {
    process.exitCode = code;
  });
