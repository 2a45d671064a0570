import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/config.js';

/**
 * The audit log's signing key (Ed25519): it signs each checkpoint line and each monthly archive. It lives in a
 * file (AUDIT_SIGNING_KEY_FILE), never in the database, so someone who can write to the database cannot sign a
 * checkpoint that hides what they removed. The public key is written beside it (`….pub.pem`): an auditor
 * verifies with it alone, offline. Ed25519 under both crypto suites: Node's crypto signs on the SM2 curve
 * but offers no GB/T 32918 signature (no distinguishing identifier, ZA), so an SM2 signature could not be
 * checked by standard tools — see README, "Audit log keeping".
 */
export class AuditSigner {
  readonly publicKeyPem: string;
  /** SHA-256 of the public key (SPKI DER), hex: what the auditor compares with the key they were handed. */
  readonly fingerprint: string;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor(readonly keyFile: string) {
    this.privateKey = loadOrCreate(keyFile);
    this.publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    this.fingerprint = fingerprintOf(this.publicKey);
    const pubFile = publicKeyFileOf(keyFile);
    if (!existsSync(pubFile) || readFileSync(pubFile, 'utf8') !== this.publicKeyPem) writeFileSync(pubFile, this.publicKeyPem);
  }

  sign(data: Buffer | string): Buffer {
    return sign(null, Buffer.from(data), this.privateKey);
  }

  verify(data: Buffer | string, signature: Buffer): boolean {
    return verifySigned(data, signature, this.publicKey);
  }
}

/** The public key's file: `audit-signing.key.pem` → `audit-signing.pub.pem` (any other name: `<name>.pub.pem`). */
export function publicKeyFileOf(keyFile: string): string {
  return keyFile.endsWith('.key.pem') ? keyFile.slice(0, -'.key.pem'.length) + '.pub.pem' : `${keyFile}.pub.pem`;
}

export function fingerprintOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

export function verifySigned(data: Buffer | string, signature: Buffer, publicKey: KeyObject): boolean {
  try {
    return verify(null, Buffer.from(data), publicKey, signature);
  } catch {
    return false;
  }
}

function loadOrCreate(keyFile: string): KeyObject {
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    try {
      // 'wx': of two processes starting at once, one writes the key and the other reads it.
      writeFileSync(keyFile, pem, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const key = createPrivateKey(readFileSync(keyFile));
  if (key.asymmetricKeyType !== 'ed25519') throw new ConfigError(`AUDIT_SIGNING_KEY_FILE 应为 Ed25519 私钥（PEM）：${keyFile}`);
  return key;
}
