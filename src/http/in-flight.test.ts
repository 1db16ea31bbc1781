import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { trackHandlers } from './in-flight.ts';

describe('trackHandlers', () => {
  it('waits for a handler still running after the server closed, and times out when asked to', async () => {
    const app = Fastify();
    trackHandlers(app);
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    let finished = false;
    app.get('/slow', async () => {
      await gate;
      finished = true;
      return { ok: true };
    });
    app.get('/sync', (_req, reply) => {
      void reply.send({ ok: true });
    });
    await app.ready();
    expect(await app.handlersIdle(10)).toBe(true);
    expect((await app.inject({ method: 'GET', url: '/sync' })).json()).toEqual({ ok: true });
    expect(await app.handlersIdle(10)).toBe(true);

    const pending = app.inject({ method: 'GET', url: '/slow' });
    await new Promise((r) => setTimeout(r, 20));
    expect(await app.handlersIdle(30)).toBe(false);
    const idle = app.handlersIdle(5_000);
    setTimeout(release, 50);
    expect(await idle).toBe(true);
    expect(finished).toBe(true);
    expect((await pending).json()).toEqual({ ok: true });
    await app.close();
  });

  it('counts a handler that throws as finished', async () => {
    const app = Fastify();
    trackHandlers(app);
    app.get('/boom', async () => {
      throw new Error('boom');
    });
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    expect(await app.handlersIdle(10)).toBe(true);
    await app.close();
  });
});
