import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuthUser } from './auth-user.js';
import type { RequestContext } from './request-context.js';
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
  /** The account's TOTP secret (base32) when its role must sign in with a second factor: printed once. */
  secondFactorSecret?: string;
}

/** A region as the regions step inserted it: later steps of the base transaction read these, not the table. */
export interface DemoRegion {
  id: number;
  code: string;
  name: string;
  level: 'CITY' | 'TOWN' | 'VILLAGE';
  parentId: number | null;
  /** Towns only: short pinyin for the town account's username. */
  slug?: string;
}

export interface DemoRun {
  options: Required<Omit<DemoOptions, 'password'>> & { password: string };
  rng: Rng;
  /** A context acting as the system administrator, for steps that go through services. */
  ctx: RequestContext;
  /** Set by the regions step (inside the base transaction). */
  regions: DemoRegion[];
  /** Set by the departments step. */
  departments: { id: number; code: string; name: string }[];
  /** Set by the identity step: the administrator the later steps act as. */
  admin: AuthUser | null;
  accounts: DemoAccount[];
  /** Free-form summary lines printed after loading. */
  summary: string[];
}

/**
 * A part of the demo data set. Steps with `insideBaseTransaction` run together in one transaction
 * and get its `em` (bulk inserts of reference data); the others go through the services (which open
 * their own transactions), get `em` undefined and run after, as `run.ctx`.
 */
export interface DemoStep {
  readonly name: string;
  readonly insideBaseTransaction?: boolean;
  /** Whether the step belongs to the full demo only (skipped when options.full is false). */
  readonly fullOnly?: boolean;
  run(run: DemoRun, em?: EntityManager): Promise<void>;
  /** Whether the data this step loads is already there (the regions step answers for the whole demo). */
  hasData?(): Promise<boolean>;
}

export const DEMO_STEP_ORDER = 'onetable:demo-step-order';

/**
 * Registers a provider as a demo step, run in ascending `order` (base data 10–39, reference data 40–69,
 * history and life 70+). The demo runner finds steps through Nest's discovery, so it imports no module
 * that has one: each module lists its step among its providers and that is all.
 */
export const RegisterDemoStep = (order: number) => SetMetadata(DEMO_STEP_ORDER, order);
