import helmet from 'helmet';
import type { RequestHandler } from 'express';

/**
 * HTTP hardening (等保 8.1.4 / OWASP secure headers), with helmet: a Content-Security-Policy that
 * allows no inline or foreign script (the web app and the explorer are bundled files of this origin),
 * no framing by another site (frame-ancestors 'none'), nosniff, a referrer kept to this origin, and
 * HSTS plus upgrade-insecure-requests only when the deployment says it is served over TLS
 * (PUBLIC_URL starts with https://) — on a plain-http intranet they would break every request.
 */
export function securityHeaders(opts: { tls: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Element Plus and ECharts set style attributes at run time; no script runs from a style.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.tls ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    // Same-origin popups only; the app opens none.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'same-origin' },
    frameguard: { action: 'deny' },
    strictTransportSecurity: opts.tls ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}
