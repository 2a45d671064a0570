import { Injectable } from '@nestjs/common';
import { KeyringService } from '../crypto/keyring.service.js';
import { PiiCrypto } from './pii-crypto.js';

/** Personal-data crypto (see PiiCrypto) with the configured keys, checked at start by KeyringService. */
@Injectable()
export class PiiService extends PiiCrypto {
  constructor(readonly keyring: KeyringService) {
    super(keyring);
  }
}
