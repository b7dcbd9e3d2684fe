import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14, item 13: the installer cannot be built here (no Electron binary), so its
 * configuration is checked: electron-builder's own schema accepts it, the security fuses are
 * set, better-sqlite3 (a native module) is unpacked from the ASAR archive, and Windows (NSIS)
 * is the first target.
 */
const root = path.resolve(__dirname, '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8'));

describe('the installer configuration (electron-builder.json)', () => {
  it('passes electron-builder\'s own configuration check', async () => {
    const { validateConfiguration } = await import('app-builder-lib/out/util/config/config');
    const debug = { isEnabled: false, add: () => {} };
    const rest = config;
    await expect(validateConfiguration(rest, debug as never)).resolves.toBeUndefined();
    // The check can fail: a misspelt fuse is refused.
    await expect(validateConfiguration({ ...rest, electronFuses: { ...rest.electronFuses, runAsNod: false } }, debug as never)).rejects.toThrow();
  });

  it('sets the security fuses: no RunAsNode, no NODE_OPTIONS, no inspect arguments, ASAR integrity checked, the app only from ASAR', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config.asar).toBe(true);
  });

  it('unpacks better-sqlite3 (native) from the ASAR archive, and rebuilds it for Electron', () => {
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/node_modules\/better-sqlite3\/\*\*/), '**/*.node']));
    expect(config.npmRebuild).toBe(true);
    const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(packageJson.dependencies['better-sqlite3']).toBeDefined();
  });

  it('builds the Windows installer (NSIS) first, then macOS and Linux, from the built app', () => {
    expect(config.win.target[0].target).toBe('nsis');
    expect(config.mac.target).toContain('dmg');
    expect(config.linux.target.length).toBeGreaterThan(0);
    expect(config.files).toEqual(expect.arrayContaining(['out/**/*', 'resources/**/*']));
    const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(packageJson.main).toBe('./out/main/index.js');
    expect(packageJson.scripts['dist:win']).toMatch(/electron-vite build && electron-builder --win/);
  });
});
