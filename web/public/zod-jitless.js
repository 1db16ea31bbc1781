// Read by zod when it loads (globalThis.__zod_globalConfig). The server's Content-Security-Policy
// allows no eval (src/http/security-headers.ts); without this, zod probes `new Function` to compile
// its validators, and the browser refuses the probe and reports it as a policy violation. A classic
// script runs before the app's module scripts, so the setting is in place before zod is evaluated.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
