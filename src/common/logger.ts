import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger } from 'pino';
import { maskIdLike, maskIdLikeDeep } from './id-like.js';

/**
 * The app's JSON logger. Every argument of every line — message, merged object, error — goes
 * through maskIdLike: what a user typed (an ID number in a field key, a birth date in a message)
 * may reach a log line, its ID-like runs never do. `destination`: tests collect the lines.
 */
export function createPino(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'onetable' },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...args: unknown[]) => void) {
        return method.apply(
          this,
          (args as unknown[]).map((arg) => (typeof arg === 'string' ? maskIdLike(arg) : maskIdLikeDeep(arg))),
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Nest's own log lines go to the same structured JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Logger) {}
  log(message: unknown, context?: string) {
    this.pino.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.pino.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.pino.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.pino.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.pino.trace({ context }, String(message));
  }
}
