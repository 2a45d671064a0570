import type { Frequency } from './forms.js';
import { platformToday } from './labels.js';

/** The current period's name for a frequency, as the server expects it (2025, 2025-H2, 2025-Q4, 2025-11), by the platform's calendar. */
export function currentPeriod(frequency: Frequency | '', today = platformToday()): string {
  const [year, month] = today.split('-').map(Number);
  switch (frequency) {
    case 'MONTHLY':
      return `${year}-${String(month).padStart(2, '0')}`;
    case 'QUARTERLY':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'HALF_YEARLY':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    default:
      return String(year);
  }
}
export const PERIOD_HINT: Record<Frequency, string> = {
  MONTHLY: '如 2025-03',
  QUARTERLY: '如 2025-Q1',
  HALF_YEARLY: '如 2025-H1',
  YEARLY: '如 2025',
  ONCE: '如 2025 或 2025-Q1',
};
