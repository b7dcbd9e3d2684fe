#!/usr/bin/env node
/**
 * better-sqlite3 is a native module: the build in node_modules is for Node (tests, CLI).
 * Electron needs one built for its own ABI. This script makes that second copy in
 * .native/electron/ (once per Electron version) and leaves node_modules untouched, so
 * `npm test` and `npm start` work from the same checkout without rebuilding by hand.
 * The store picks the Electron copy through better-sqlite3's `nativeBinding` option.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const targetDir = path.join(root, '.native', 'electron');
const target = path.join(targetDir, 'better_sqlite3.node');
const stampFile = path.join(targetDir, 'version.txt');

let electronVersion;
try {
  electronVersion = require(path.join(root, 'node_modules', 'electron', 'package.json')).version;
} catch {
  console.error('Electron er ikke installeret. Kør "npm install" først.');
  process.exit(1);
}
let electronBinary = '';
try {
  electronBinary = require(path.join(root, 'node_modules', 'electron'));
} catch {
  electronBinary = '';
}
if (!electronBinary || !fs.existsSync(electronBinary)) {
  console.error(
    [
      'Electrons program er ikke hentet (installeret med ELECTRON_SKIP_BINARY_DOWNLOAD=1?).',
      'På en almindelig maskine: fjern variablen og kør "npm install" igen, så henter npm Electron.',
      'Uden Electron kan brugerfladen køres i en browser: "npm run build && npm run bridge".',
    ].join('\n'),
  );
  process.exit(1);
}

const sqliteVersion = require(path.join(root, 'node_modules', 'better-sqlite3', 'package.json')).version;
const stamp = `electron ${electronVersion} better-sqlite3 ${sqliteVersion}`;
if (fs.existsSync(target) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) process.exit(0);

// Build in a scratch copy of the package so node_modules keeps its Node build.
const scratch = path.join(root, '.native', 'scratch-better-sqlite3');
fs.rmSync(scratch, { recursive: true, force: true });
fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), scratch, {
  recursive: true,
  filter: (source) => !source.includes(`${path.sep}build${path.sep}`) && !source.endsWith(`${path.sep}build`),
});
const env = { ...process.env, npm_config_runtime: 'electron', npm_config_target: electronVersion, npm_config_disturl: 'https://electronjs.org/headers' };
const prebuild = path.join(root, 'node_modules', 'prebuild-install', 'bin.js');
console.log(`Forbereder better-sqlite3 til Electron ${electronVersion} …`);
try {
  execFileSync(process.execPath, [prebuild, '--runtime', 'electron', '--target', electronVersion], { cwd: scratch, stdio: 'inherit', env });
} catch {
  console.log('Ingen færdigbygget udgave fundet; bygger fra kildekoden (kræver python3 og en C++-compiler).');
  const npmCli = process.env.npm_execpath;
  const gypArgs = ['rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'];
  if (npmCli) execFileSync(process.execPath, [npmCli, 'exec', '--yes', '--', 'node-gyp', ...gypArgs], { cwd: scratch, stdio: 'inherit', env });
  else execFileSync('npx', ['--yes', 'node-gyp', ...gypArgs], { cwd: scratch, stdio: 'inherit', env, shell: process.platform === 'win32' });
}
fs.mkdirSync(targetDir, { recursive: true });
fs.copyFileSync(path.join(scratch, 'build', 'Release', 'better_sqlite3.node'), target);
fs.writeFileSync(stampFile, stamp);
fs.rmSync(scratch, { recursive: true, force: true });
console.log(`better-sqlite3 til Electron ligger i ${path.relative(root, target)}.`);
