/** The current period's name for a frequency, as the server expects it (2025, 2025-H2, 2025-Q4, 2025-11). */
export function currentPeriod(frequency: string, now = new Date()): string {
  const y = now.getFullYear();
  const m = now.getMonth() + 1;
  switch (frequency) {
    case 'MONTHLY':
      return `${y}-${String(m).padStart(2, '0')}`;
    case 'QUARTERLY':
      return `${y}-Q${Math.ceil(m / 3)}`;
    case 'HALF_YEARLY':
      return `${y}-H${m <= 6 ? 1 : 2}`;
    default:
      return String(y);
  }
}
export const PERIOD_HINT: Record<string, string> = {
  MONTHLY: '如 2025-03',
  QUARTERLY: '如 2025-Q1',
  HALF_YEARLY: '如 2025-H1',
  YEARLY: '如 2025',
  ONCE: '如 2025 或 2025-Q1',
};
