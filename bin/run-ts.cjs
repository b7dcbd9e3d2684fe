#!/usr/bin/env node
// Runs a TypeScript script (bench, tools) through tsx: node bin/run-ts.cjs path/to/script.ts [args]
require('tsx/cjs');
const path = require('node:path');
require(path.resolve(process.argv[2]));
