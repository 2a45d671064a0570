import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { PiiCrypto } from './pii-crypto.js';

/** Personal-data crypto (see PiiCrypto) with the configured master key. */
@Injectable()
export class PiiService extends PiiCrypto {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super(config.piiKey);
  }
}
