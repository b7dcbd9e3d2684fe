#!/usr/bin/env node
// The CLI runs the TypeScript sources through tsx, so it needs no build step.
require('tsx/cjs');
const { runCli, quietOnBrokenPipe } = require('../src/cli/main.ts');
quietOnBrokenPipe();
runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
