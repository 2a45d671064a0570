import { normaliseLabel } from '../common/text.js';

/** Character bigrams of a normalised label; a one-character label is its own "bigram". */
export function bigrams(label: string): string[] {
  const texts = [...normaliseLabel(label)];
  if (texts.length < 2) return texts.length ? [texts[0]] : [];
  const out: string[] = [];
  for (let i = 0; i < texts.length - 1; i++) out.push(texts[i] + texts[i + 1]);
  return out;
}

/** Dice coefficient over bigram multisets: 2|A∩B| / (|A|+|B|), in [0, 1]. */
export function labelSimilarity(left: string, right: string): number {
  const x = bigrams(left);
  const y = bigrams(right);
  if (!x.length || !y.length) return 0;
  const counts = new Map<string, number>();
  for (const text of x) counts.set(text, (counts.get(text) ?? 0) + 1);
  let shared = 0;
  for (const text of y) {
    const count = counts.get(text) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(text, count - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

export interface Candidate {
  id: number;
  name: string;
}

/**
 * The catalogue elements most like a field label, best first. One label containing the other
 * (「户籍人口数」 vs 「户籍人口」) scores at least 0.8: cadres add 数/情况/人数 freely.
 */
export function rankByLabel<T extends Candidate>(label: string, candidates: T[], limit = 5, minScore = 0.3): { item: T; score: number }[] {
  const nl = normaliseLabel(label);
  if (!nl) return [];
  return candidates
    .map((item) => {
      const nn = normaliseLabel(item.name);
      let score = labelSimilarity(nl, nn);
      if (nn && (nl.includes(nn) || nn.includes(nl)))
        score = Math.max(score, (0.8 * Math.min(nl.length, nn.length)) / Math.max(nl.length, nn.length) + 0.2);
      return { item, score: Math.round(score * 1000) / 1000 };
    })
    .filter((item) => item.score >= minScore)
    .sort((left, right) => right.score - left.score || left.item.id - right.item.id)
    .slice(0, limit);
}
