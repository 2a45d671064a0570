import type { Logger as OrmLogger, QueryRunner } from 'typeorm';
import type { Logger as Pino } from 'pino';

/**
 * The TypeORM logger: counts every SQL statement (tests assert N+1 freedom with it) and logs
 * failures and slow queries — without their parameters, which may hold personal data.
 */
export class QueryCounter implements OrmLogger {
  count = 0;
  constructor(private readonly pino?: Pino) {}

  reset(): number {
    const count = this.count;
    this.count = 0;
    return count;
  }

  logQuery(_query: string, _parameters?: unknown[], _qr?: QueryRunner) {
    this.count++;
  }
  logQueryError(error: string | Error, query: string) {
    this.pino?.warn({ err: typeof error === 'string' ? error : error.message, query: query.slice(0, 500) }, 'query failed');
  }
  logQuerySlow(time: number, query: string) {
    this.pino?.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild(message: string) {
    this.pino?.debug(message);
  }
  logMigration(message: string) {
    this.pino?.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown) {
    if (level === 'warn') this.pino?.warn(String(message));
    else this.pino?.debug(String(message));
  }
}
