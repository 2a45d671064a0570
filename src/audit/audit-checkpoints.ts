import { Inject, Injectable } from '@nestjs/common';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { AuditSigner } from './audit-signing.js';

/** One line of checkpoints.jsonl: the chain's head at a time, signed. */
export interface Checkpoint {
  /** The newest event's sequence number (also how many events the chain has ever had). */
  seq: number;
  hash: string;
  /** Events in the database at the time (the chain less what retention purged). */
  count: number;
  at: string;
  sig: string;
}

export interface CheckpointReading {
  /** The newest line whose signature holds; null: none yet. */
  newest: Checkpoint | null;
  /** 1-based numbers of lines that do not parse or whose signature does not hold. */
  badLines: number[];
}

const signedText = (cp: Omit<Checkpoint, 'sig'>): string => `onetable audit checkpoint v1|${cp.seq}|${cp.hash}|${cp.count}|${cp.at}`;

/**
 * Signed checkpoints of the chain head, appended to a file outside the database (AUDIT_CHECKPOINT_DIR):
 * deleting or rewriting the newest events and the head row leaves the chain consistent in itself, but no
 * longer reaching the last checkpoint — verify() reports it. Only appended (one write per line, O_APPEND).
 */
@Injectable()
export class AuditCheckpoints {
  readonly file: string;
  constructor(
    private readonly signer: AuditSigner,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.file = resolve(config.audit.checkpointDir, 'checkpoints.jsonl');
  }

  append(head: Omit<Checkpoint, 'sig'>): Checkpoint {
    const line: Checkpoint = { ...head, sig: this.signer.sign(signedText(head)).toString('base64') };
    mkdirSync(resolve(this.file, '..'), { recursive: true });
    appendFileSync(this.file, JSON.stringify(line) + '\n', { mode: 0o640 });
    return line;
  }

  read(): CheckpointReading {
    if (!existsSync(this.file)) return { newest: null, badLines: [] };
    const lines = readFileSync(this.file, 'utf8').split('\n');
    let newest: Checkpoint | null = null;
    const badLines: number[] = [];
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const cp = JSON.parse(text) as Checkpoint;
        const fields = { seq: cp.seq, hash: cp.hash, count: cp.count, at: cp.at };
        if (
          !Number.isInteger(cp.seq) ||
          typeof cp.sig !== 'string' ||
          !this.signer.verify(signedText(fields), Buffer.from(cp.sig, 'base64'))
        )
          badLines.push(i + 1);
        else newest = cp;
      } catch {
        badLines.push(i + 1);
      }
    });
    return { newest, badLines };
  }
}
