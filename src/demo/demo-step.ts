import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../common/request-context.js';
import type { Rng } from './rng.js';

export interface DemoOptions {
  /** Password of every demo account; generated when absent. */
  password?: string;
  seed?: number;
  /** Number of villages: 558 is Zaoyang, 25,000 a province (benchmarks). */
  villages?: number;
  /** Steps beyond the base (regions, departments, users): history, a year of platform life… */
  full?: boolean;
}

export interface DemoAccount {
  username: string;
  role: string;
  displayName: string;
}

export interface DemoRun {
  options: Required<Omit<DemoOptions, 'password'>> & { password: string };
  rng: Rng;
  /** A context acting as the system administrator, for steps that go through services. */
  ctx: RequestContext;
  accounts: DemoAccount[];
  /** Free-form summary lines printed after loading. */
  summary: string[];
}

/**
 * A part of the demo data set, run in order. Steps with `insideBaseTransaction` run together in
 * one transaction and get its `em` (bulk inserts of reference data); the others go through the
 * services (which open their own transactions), get `em` undefined and run after, as `run.ctx`.
 */
export interface DemoStep {
  readonly name: string;
  readonly insideBaseTransaction?: boolean;
  /** Whether the step belongs to the full demo only (skipped when options.full is false). */
  readonly fullOnly?: boolean;
  run(run: DemoRun, em?: EntityManager): Promise<void>;
}
