import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAINING_FIXTURE } from './test-fixtures.ts';
import { registerTextCommands, runHotIssues, runPredict, runRetrain, runTrain } from './text.cli.ts';
import type { CliIo } from './text.cli.ts';

function collector(): CliIo & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return {
    lines,
    errors,
    out: (l) => {
      lines.push(l);
    },
    err: (l) => {
      errors.push(l);
    },
    now: () => new Date('2024-05-01T08:00:00.000Z'),
  };
}

async function* linesOf(items: string[]): AsyncIterable<string> {
  for (const i of items) yield i;
}

let dir = '';
let modelDir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'minsheng-cli-'));
  modelDir = path.join(dir, 'model');
  await writeFile(
    path.join(dir, 'train.jsonl'),
    TRAINING_FIXTURE.map((r) => JSON.stringify(r)).join('\n') + '\n',
  );
  const io = collector();
  await runTrain({ input: path.join(dir, 'train.jsonl'), model: modelDir }, io);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('classify train', () => {
  it('prints a summary and writes the model', async () => {
    const io = collector();
    await runTrain({ input: path.join(dir, 'train.jsonl'), model: path.join(dir, 'model2') }, io);
    expect(io.lines[0]).toMatch(/^trained svm classifier on 40 records/);
    expect(io.lines.join('\n')).toContain('交通运输 8');
  });

  it('names the bad line of a training file', async () => {
    await writeFile(path.join(dir, 'bad.jsonl'), '{"label":"a","text":"小区"}\nnot json\n');
    await expect(
      runTrain({ input: path.join(dir, 'bad.jsonl'), model: path.join(dir, 'm3') }, collector()),
    ).rejects.toMatchObject({
      code: 'training_data_invalid',
      message: expect.stringContaining('bad.jsonl:2'),
    });
  });
});

describe('classify predict', () => {
  it('answers every input line in order, with an error line for each bad one', async () => {
    const io = collector();
    await runPredict(
      { model: modelDir },
      linesOf([
        JSON.stringify({ id: 'a', subject: '拖欠工资', body: '公司拖欠工人工资三个月' }),
        'not json',
        '',
        JSON.stringify([1, 2]),
        JSON.stringify({ id: 'e', subject: '', body: '' }),
        JSON.stringify({ subject: 'x', body: 'ab\u0000cd' }),
        JSON.stringify({ subject: 42 }),
        JSON.stringify({ id: 'h', subject: 'Hello', body: 'English only' }),
      ]),
      io,
    );
    const out = io.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(7);
    expect(out[0]).toMatchObject({ id: 'a', category: '劳动和社会保障' });
    expect(out[0]?.top).toHaveLength(3);
    expect(out[1]).toMatchObject({ line: 2, error: { code: 'invalid_json' } });
    expect(out[2]).toMatchObject({ line: 4, error: { code: 'text_invalid' } });
    expect(out[3]).toMatchObject({ line: 5, id: 'e', error: { code: 'text_empty' } });
    expect(out[4]).toMatchObject({ line: 6, error: { code: 'text_binary' } });
    expect(out[5]).toMatchObject({ line: 7, error: { code: 'text_invalid' } });
    expect(out[6]).toMatchObject({ id: 'h', lowConfidence: true, reason: 'not_chinese' });
  });

  it('fails with model_missing when there is no model', async () => {
    await expect(
      runPredict({ model: path.join(dir, 'none') }, linesOf([]), collector()),
    ).rejects.toMatchObject({ code: 'model_missing' });
  });
});

describe('classify retrain', () => {
  it('retrains from confirmed cases', async () => {
    await writeFile(
      path.join(dir, 'confirmed.jsonl'),
      TRAINING_FIXTURE.slice(0, 12)
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const io = collector();
    await runRetrain(
      {
        model: path.join(dir, 'retrained'),
        input: path.join(dir, 'confirmed.jsonl'),
        base: path.join(dir, 'train.jsonl'),
      },
      io,
    );
    expect(io.lines.at(-1)).toMatch(/^retrained on 52 records \(12 confirmed, 40 base\)/);
  });
});

describe('hot-issues', () => {
  it('prints one JSON line per issue, best first, and reports skipped lines', async () => {
    const file = path.join(dir, 'matters.jsonl');
    const matters = [
      {
        id: 1,
        user: 'u1',
        subject: '阳光花园小区搅拌站扰民',
        body: '搅拌站噪音大。',
        time: '2024-03-01 09:00:00',
        likes: 3,
      },
      {
        id: 2,
        user: 'u2',
        subject: '阳光花园搅拌站粉尘',
        body: '搅拌站粉尘大。',
        time: '2024-03-02 09:00:00',
      },
      { id: 3, user: 'u3', subject: '公交太挤', body: '建议增加班次。', time: '2024-03-02 09:00:00' },
    ];
    await writeFile(file, matters.map((m) => JSON.stringify(m)).join('\n') + '\nnot json\n');
    const io = collector();
    await runHotIssues({ input: file, top: '5' }, io);
    expect(io.lines).toHaveLength(1);
    const issue = JSON.parse(io.lines[0] as string) as Record<string, unknown>;
    expect(Object.keys(issue)).toEqual([
      'rank',
      'label',
      'ids',
      'size',
      'people',
      'first',
      'last',
      'heat',
      'rising',
    ]);
    expect(issue).toMatchObject({ rank: 1, ids: [1, 2], size: 2, people: 2, first: '2024-03-01 09:00:00' });
    expect(io.errors[0]).toMatch(/skipped 1 line/);
    await expect(runHotIssues({ input: file, top: '0' }, collector())).rejects.toMatchObject({
      code: 'text_invalid',
    });
  });
});

describe('registerTextCommands', () => {
  it('adds classify (train, predict, retrain, info) and hot-issues', () => {
    const program = new Command();
    registerTextCommands(program, collector());
    const classify = program.commands.find((c) => c.name() === 'classify');
    expect(classify?.commands.map((c) => c.name())).toEqual(['train', 'predict', 'retrain', 'info']);
    expect(program.commands.map((c) => c.name())).toContain('hot-issues');
  });

  it('runs a command through commander and reports expected failures without throwing', async () => {
    const program = new Command().exitOverride();
    const io = collector();
    registerTextCommands(program, io);
    const before = process.exitCode;
    await program.parseAsync(['node', 'minsheng', 'classify', 'info', '--model', path.join(dir, 'none')]);
    expect(io.errors[0]).toMatch(/^error \(model_missing\)/);
    process.exitCode = before;
    await program.parseAsync(['node', 'minsheng', 'classify', 'info', '--model', modelDir]);
    expect(io.lines.join('\n')).toContain('"format": "minsheng-text-classifier"');
  });

  it('classify train reads every --input file given, in order', async () => {
    const first = TRAINING_FIXTURE.slice(0, 25);
    const second = TRAINING_FIXTURE.slice(25);
    await writeFile(path.join(dir, 'first.jsonl'), first.map((r) => JSON.stringify(r)).join('\n'));
    await writeFile(path.join(dir, 'second.jsonl'), second.map((r) => JSON.stringify(r)).join('\n'));
    const program = new Command().exitOverride();
    const io = collector();
    registerTextCommands(program, io);
    const base = ['node', 'minsheng', 'classify', 'train', '--model', path.join(dir, 'two-files')];
    await program.parseAsync([...base, '--input', path.join(dir, 'first.jsonl')]);
    await program.parseAsync([
      ...base,
      '--input',
      path.join(dir, 'first.jsonl'),
      '--input',
      path.join(dir, 'second.jsonl'),
    ]);
    const summaries = io.lines.filter((l) => l.startsWith('trained'));
    expect(summaries[0]).toMatch(/on 25 records/);
    expect(summaries[1]).toMatch(/on 40 records/);
  });

  it('retrain needs --input and --model, or --from-db, and not both', async () => {
    const program = new Command().exitOverride();
    const io = collector();
    let opened = 0;
    registerTextCommands(program, io, {
      database: () => {
        opened++;
        return Promise.reject(new Error('not in a unit test'));
      },
    });
    const before = process.exitCode;
    await program.parseAsync(['node', 'minsheng', 'classify', 'retrain', '--model', modelDir]);
    expect(io.errors[0]).toMatch(/retrain needs --model and --input FILE, or --from-db/);
    await program.parseAsync(['node', 'minsheng', 'classify', 'retrain', '--from-db', '--input', 'x.jsonl']);
    expect(io.errors[1]).toMatch(/either --input or --from-db/);
    await program.parseAsync([
      'node',
      'minsheng',
      'classify',
      'retrain',
      '--from-db',
      '--min-confirmed',
      'many',
    ]);
    expect(io.errors[2]).toMatch(/--min-confirmed must be a positive integer/);
    expect(opened).toBe(0);
    process.exitCode = before;
  });
});
