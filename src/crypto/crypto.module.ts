import { Module } from '@nestjs/common';
import { KeyringService } from './keyring.service.js';

/** The keys (PII_KEY, PII_KEYS_OLD, CRYPTO_SUITE), checked against the database at start; records and audit use them. */
@Module({ providers: [KeyringService], exports: [KeyringService] })
export class CryptoModule {}
