import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Module, type DynamicModule } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Options as HttpLogOptions } from 'pino-http';
import { AppConfig } from '../config/app-config.js';

/** Header and body fields that never reach a log line. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.apiKey',
  '*.recoveryCode',
];

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Keeps the path and the names of query parameters; their values may be tokens. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  const [path, query] = url.split('?', 2);
  if (!query) return path;
  const names = [...new URLSearchParams(query).keys()];
  return `${path}?${names.map((name) => `${name}=[redacted]`).join('&')}`;
}

/** Takes a caller's X-Request-Id when it is well formed, makes one otherwise, and echoes it. */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * How each request is logged: one line when it ends, with its id, method, redacted URL, remote
 * address, status and time. No header of either side is written (they carry credentials and
 * cookies); the redaction paths catch secrets in anything else logged.
 */
export function httpLogOptions(config: Pick<AppConfig, 'logLevel'>): HttpLogOptions {
  return {
    level: config.logLevel,
    genReqId: requestId,
    redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
    // Probes and scrapes come every few seconds: their lines would drown the rest.
    autoLogging: {
      ignore: (req) => /^\/(health|metrics)(\/|\?|$)/.test(req.url ?? ''),
    },
    // The serializers read the request and response themselves: pino-http's wrappers would
    // first copy every header of both into objects that these then drop.
    wrapSerializers: false,
    serializers: {
      req: (req: IncomingMessage & { id?: unknown; originalUrl?: string }) => ({
        id: req.id,
        method: req.method,
        url: redactUrl(req.originalUrl ?? req.url),
        remoteAddress: req.socket?.remoteAddress,
      }),
      res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Structured JSON logs with pino; every line logged during a request carries its id. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ pinoHttp: httpLogOptions(config) }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
