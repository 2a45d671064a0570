import { BaseDemoStep } from './base.step.js';
import { CatalogDemoStep } from '../catalog/catalog.demo-step.js';
import { DutiesDemoStep } from '../duties/duties.demo-step.js';
import { DisclosureDemoStep } from '../disclosure/disclosure.demo-step.js';
import { RecordsDemoStep } from '../records/records.demo-step.js';
import { PlatformLifeDemoStep } from '../insights/platform-life.demo-step.js';

// The demo data set, in order. Later modules append their steps (catalogue, history, a year of life).
export const DEMO_STEPS: (new (...args: any[]) => import('./demo-step.js').DemoStep)[] = [
  BaseDemoStep,
  CatalogDemoStep,
  DutiesDemoStep,
  DisclosureDemoStep,
  RecordsDemoStep,
  PlatformLifeDemoStep,
];
// Each step is provided by its own module; DemoService resolves them through the module graph.
