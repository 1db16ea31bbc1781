import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * The security headers of every answer (issue 10, item 7), set by @fastify/helmet. One
 * Content-Security-Policy serves the staff app, the portal and the Swagger UI at /docs, all of
 * which load only their own scripts from this origin:
 * - no inline or foreign script at all, so an injected `<script>` or `onerror=` does not run;
 * - inline styles are allowed: antd (CSS-in-JS) and Swagger UI insert `<style>` elements at run
 *   time; a style cannot run code;
 * - images also from `data:` (icons in the stylesheets) and `blob:` (previews of chosen files);
 * - no page of ours may be framed (frame-ancestors 'none' and X-Frame-Options: DENY), against
 *   click-jacking of the staff actions.
 * HSTS and upgrade-insecure-requests only when the deployment says it is behind HTTPS
 * (MINSHENG_COOKIE_SECURE): on a plain-HTTP intranet they would break every request.
 */
export function securityHeaders(https: boolean): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'"],
        'object-src': ["'none'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: https ? { maxAge: 180 * 86_400, includeSubDomains: true } : false,
    // Downloads (notices, attachments) are same-origin; nothing of ours needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  };
}
