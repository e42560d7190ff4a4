import type { FastifyLoggerOptions, FastifyRequest } from 'fastify';

/** Query and path parameters that are secrets: the widget's visitor token and identity hash, CTI and API tokens. */
const secretName = /token|secret|passw|hash|signature|key|visitor|cti|session|auth|credential/i;
const hidden = '[REDACTED]';

/** A path parameter of the matched route (`/phone/cti/:token`) with a secret's name is masked in its segment. */
function redactPath(path: string, routeUrl: string | undefined): string {
  if (!routeUrl?.includes(':')) return path;
  const pattern = routeUrl.split('/');
  const segments = path.split('/');
  if (pattern.length !== segments.length) return path;
  return segments
    .map((segment, i) => {
      const name = pattern[i]?.match(/^:(\w+)$/)?.[1];
      return name && secretName.test(name) ? hidden : segment;
    })
    .join('/');
}

function redactQuery(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const name = pair.split('=', 1)[0] ?? '';
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replaceAll('+', ' '));
      } catch {
        // A malformed name is kept as it came; it cannot be a name we look for.
      }
      return secretName.test(decoded) ? `${name}=${hidden}` : pair;
    })
    .join('&');
}

/** The request's URL as logs may keep it. */
function loggedUrl(request: FastifyRequest): string {
  const url = request.url;
  const mark = url.indexOf('?');
  const path = redactPath(mark === -1 ? url : url.slice(0, mark), request.routeOptions?.url);
  return mark === -1 ? path : `${path}?${redactQuery(url.slice(mark + 1))}`;
}

// Where secrets sit when something logs a request, a response or an HTTP client's error object whole.
const secretHeaders = ['authorization', 'Authorization', 'cookie', 'set-cookie', 'x-csrf-token', 'x-twilio-signature'];
const redactPaths = [
  ...secretHeaders.flatMap((header) => [`*.headers["${header}"]`, `err.config.headers["${header}"]`]),
  'err.config.auth',
];

/**
 * Fastify's logger with secrets kept out of the log: request URLs keep their path and harmless query values,
 * never tokens, hashes or passwords (the chat widget's socket and uploads, the CTI webhook's URL token), and
 * header values that authenticate are masked wherever a logged object carries them.
 */
export function loggerOptions(options: {
  level: string;
  stream?: FastifyLoggerOptions['stream'];
}): FastifyLoggerOptions & { redact: { paths: string[]; censor: string } } {
  return {
    level: options.level,
    ...(options.stream ? { stream: options.stream } : {}),
    redact: { paths: redactPaths, censor: hidden },
    serializers: {
      req: (request) => ({
        method: request.method,
        url: loggedUrl(request),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
