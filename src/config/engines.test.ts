import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const readJson = (file: string) =>
  JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, unknown>;

describe('the Node.js version package.json promises', () => {
  const promised = (readJson('package.json').engines as { node: string }).node;
  const oldest = semver.minVersion(promised)!.version;

  it('is Node.js 20, the version the machines run', () => {
    expect(semver.major(oldest)).toBe(20);
  });

  it('is supported by every package the lock file installs, so npm install warns of no engine', () => {
    const packages = readJson('package-lock.json').packages as Record<
      string,
      { engines?: { node?: string } | string[]; optional?: boolean }
    >;
    const refusing = Object.entries(packages)
      .filter(([path, p]) => path !== '' && !p.optional)
      .flatMap(([path, p]) => {
        const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
        return range && !semver.satisfies(oldest, range) ? [`${path} needs node ${range}`] : [];
      });
    expect(refusing).toEqual([]);
  });
});
