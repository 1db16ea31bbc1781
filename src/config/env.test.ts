import { describe, expect, it } from 'vitest';
import { loadConfig } from './env.ts';

describe('configuration', () => {
  it('has defaults that run on embedded PGlite in ./data', () => {
    const c = loadConfig({});
    expect(c.databaseUrl).toBeUndefined();
    expect(c.port).toBe(3000);
    expect(c.dataDir.endsWith('/data')).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).port).toBe(3000);
  });

  it('fails fast naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ MINSHENG_TEXT_THREAD: 'yes' })).toThrow(/MINSHENG_TEXT_THREAD/);
    expect(() => loadConfig({ MINSHENG_REGISTRATION_BATCH: '0' })).toThrow(/MINSHENG_REGISTRATION_BATCH/);
    expect(() => loadConfig({ MINSHENG_REGISTRATION_BATCH: '1000' })).toThrow(/MINSHENG_REGISTRATION_BATCH/);
    expect(() => loadConfig({ MINSHENG_REGISTRATION_STATEMENTS: '-1' })).toThrow(
      /MINSHENG_REGISTRATION_STATEMENTS/,
    );
  });

  it('sends e-mail only when MINSHENG_SMTP_URL is an smtp(s) URL, linking to the public address', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(() => loadConfig({ MINSHENG_SMTP_URL: 'http://mail.example' })).toThrow(/MINSHENG_SMTP_URL/);
    expect(
      loadConfig({
        MINSHENG_SMTP_URL: 'smtps://u:p@mail.example.gov.cn:465',
        MINSHENG_PUBLIC_URL: 'https://xf.example.gov.cn/',
      }).mail,
    ).toMatchObject({ smtpUrl: 'smtps://u:p@mail.example.gov.cn:465', baseUrl: 'https://xf.example.gov.cn' });
    expect(loadConfig({ MINSHENG_SMTP_URL: 'smtp://localhost:25', PORT: '8080' }).mail?.baseUrl).toBe(
      'http://localhost:8080',
    );
  });

  it('trusts no proxy unless MINSHENG_TRUST_PROXY lists addresses or CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toEqual([]);
    expect(loadConfig({ MINSHENG_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
    ]);
    for (const bad of ['true', 'localhost', '10.0.0.0/33', '1.2.3', '::1/129'])
      expect(() => loadConfig({ MINSHENG_TRUST_PROXY: bad })).toThrow(/MINSHENG_TRUST_PROXY/);
    expect(() => loadConfig({ MINSHENG_LOGIN_MAX_FAILURES: '0' })).toThrow(/MINSHENG_LOGIN_MAX_FAILURES/);
  });

  it('reads the registration settings: thread, batch size, statements at once', () => {
    expect(loadConfig({})).toMatchObject({
      textThread: true,
      registrationBatch: 32,
      registrationStatements: 0,
    });
    expect(
      loadConfig({
        MINSHENG_TEXT_THREAD: 'false',
        MINSHENG_REGISTRATION_BATCH: '1',
        MINSHENG_REGISTRATION_STATEMENTS: '4',
      }),
    ).toMatchObject({ textThread: false, registrationBatch: 1, registrationStatements: 4 });
  });
  it('turns signed audit checkpoints on with a key file and a log, both outside the data directory', () => {
    expect(loadConfig({}).auditCheckpoints).toBeNull();
    expect(
      loadConfig({
        MINSHENG_DATA_DIR: '/srv/minsheng/data',
        MINSHENG_AUDIT_KEY_FILE: '/etc/minsheng/audit.key',
        MINSHENG_AUDIT_CHECKPOINT_LOG: '/var/log/minsheng/checkpoints.jsonl',
      }).auditCheckpoints,
    ).toEqual({
      keyFile: '/etc/minsheng/audit.key',
      logFile: '/var/log/minsheng/checkpoints.jsonl',
      intervalMinutes: 60,
    });
    expect(() => loadConfig({ MINSHENG_AUDIT_KEY_FILE: '/etc/minsheng/audit.key' })).toThrow(
      /MINSHENG_AUDIT_CHECKPOINT_LOG: required/,
    );
    expect(() =>
      loadConfig({
        MINSHENG_DATA_DIR: '/srv/minsheng/data',
        MINSHENG_AUDIT_KEY_FILE: '/srv/minsheng/data/audit.key',
        MINSHENG_AUDIT_CHECKPOINT_LOG: '/var/log/minsheng/checkpoints.jsonl',
      }),
    ).toThrow(/MINSHENG_AUDIT_KEY_FILE: must be outside MINSHENG_DATA_DIR/);
    expect(() => loadConfig({ MINSHENG_AUDIT_CHECKPOINT_MINUTES: '0' })).toThrow(
      /MINSHENG_AUDIT_CHECKPOINT_MINUTES/,
    );
  });
});
