import helmet, { type FastifyHelmetRouteOptions } from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What @fastify/helmet reads per route; set by the route hook below for routes that plugins add. */
    helmet?: FastifyHelmetRouteOptions['helmet'];
  }
}

type Directives = Record<string, string[] | null>;

const self = "'self'";
// The softphone's provider SDK (lazily loaded): its signalling and insights sockets, and its ring tones.
const twilio = ['https://*.twilio.com', 'wss://*.twilio.com'];

/**
 * The web app (desk, portal, help pages). Vite emits no inline script, so scripts come only from here.
 * Styles need 'unsafe-inline': Mantine writes <style> elements at run time, and the e-mail frame (srcdoc,
 * which inherits this policy on top of its own) holds the mail's style attributes. A nonce cannot cover
 * either. Images from anywhere: "show images" in that same inherited frame loads the sender's pictures;
 * the frame's own policy keeps them off until the agent asks.
 */
const webApp: Directives = {
  'default-src': [self],
  'script-src': [self],
  'script-src-attr': ["'none'"],
  'style-src': [self, "'unsafe-inline'"],
  'img-src': [self, 'data:', 'blob:', 'https:', 'http:'],
  'font-src': [self, 'data:'],
  'connect-src': [self, ...twilio],
  'media-src': [self, 'blob:', 'https://sdk.twilio.com'],
  'object-src': ["'none'"],
  'base-uri': [self],
  'form-action': [self],
  'frame-ancestors': [self],
};

/** Swagger UI at /api/docs: its own scripts, inline styles, and data: icons; no online validator. */
const apiDocs: Directives = {
  'default-src': [self],
  'script-src': [self],
  'script-src-attr': ["'none'"],
  'style-src': [self, "'unsafe-inline'"],
  'img-src': [self, 'data:'],
  'font-src': [self, 'data:'],
  'connect-src': [self],
  'object-src': ["'none'"],
  'base-uri': [self],
  'form-action': [self],
  'frame-ancestors': [self],
};

/**
 * A client's demo page (`/widget/demo/:slug`), standing in for the client's site: the widget script and its
 * socket from here, the widget's Shadow DOM styles, the visitor's pictures.
 */
const widgetDemo: Directives = {
  'default-src': [self],
  'script-src': [self],
  'script-src-attr': ["'none'"],
  'style-src': [self, "'unsafe-inline'"],
  'img-src': [self, 'data:', 'blob:'],
  'connect-src': [self],
  'object-src': ["'none'"],
  'base-uri': [self],
  'form-action': [self],
  'frame-ancestors': [self],
};

export type SecurityHeadersOptions = {
  /** Served over HTTPS (PUBLIC_URL is https or COOKIE_SECURE=true): browsers are told to keep to it. */
  https: boolean;
};

/**
 * Security headers on every response (`@fastify/helmet`): a Content-Security-Policy per kind of page,
 * frame-ancestors and X-Frame-Options, nosniff, a referrer policy, and HSTS only behind HTTPS (sent over
 * plain HTTP it would lock a local install out of itself). Routes that answer a file a user uploaded set a
 * stricter policy of their own (`default-src 'none'; sandbox`), which replaces this one.
 * Registered before any route, so that its route hook sees the API docs and the widget's routes too.
 */
export const securityHeaders = fp(async (app: FastifyInstance, options: SecurityHeadersOptions) => {
  const policy = (directives: Directives) => ({
    useDefaults: false,
    directives: { ...directives, 'upgrade-insecure-requests': options.https ? [] : null },
  });
  await app.register(helmet, {
    contentSecurityPolicy: policy(webApp),
    // Embedding the widget's script, pictures and calls cross-origin is the point; the desk keeps its own.
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    // Paths carry conversation ids and search words: other sites learn the origin, never the path.
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    xFrameOptions: { action: 'sameorigin' },
  });
  app.addHook('onRoute', (route) => {
    const { url } = route;
    if (url === '/api/docs' || url.startsWith('/api/docs/')) {
      route.config = { ...route.config, helmet: { contentSecurityPolicy: policy(apiDocs) } };
    } else if (url.startsWith('/widget/demo/')) {
      route.config = { ...route.config, helmet: { contentSecurityPolicy: policy(widgetDemo) } };
    } else if (url === '/widget.js') {
      // Client sites load the script from here (`<script src>` is a no-cors request, which CORP would block).
      route.config = { ...route.config, helmet: { crossOriginResourcePolicy: { policy: 'cross-origin' } } };
    }
  });
});
