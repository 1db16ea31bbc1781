import type { FastifyInstance } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Resolves true when no route handler is running, false after `timeoutMs` if some still are. */
    handlersIdle(timeoutMs: number): Promise<boolean>;
  }
}

/**
 * Counts running route handlers, so a shutdown can wait for them before it closes the database.
 * Closing the server waits for open connections only: a handler whose client went away keeps
 * running (a registration is committed, its similar-matter search still to come) and would meet a
 * closed pool. Must be installed before the routes.
 */
export function trackHandlers(app: FastifyInstance): void {
  let running = 0;
  let waiters: (() => void)[] = [];
  const done = () => {
    running -= 1;
    if (running === 0) {
      for (const w of waiters) w();
      waiters = [];
    }
  };
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    // A promise-returning handler is counted until it settles; any other returns as it did.
    route.handler = function tracked(this: FastifyInstance, request, reply) {
      running += 1;
      let result: unknown;
      try {
        result = handler.call(this, request, reply);
      } catch (err) {
        done();
        throw err;
      }
      if (result instanceof Promise) return result.finally(done);
      done();
      return result;
    };
  });
  app.decorate('handlersIdle', (timeoutMs: number) => {
    if (running === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      timer.unref();
      waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  });
}
