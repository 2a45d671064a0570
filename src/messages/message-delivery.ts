import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { LogChannel, SmsChannel, WebhookChannel, type MessageChannel, type OutgoingMessage } from './message-channels.js';

/**
 * The outgoing channels configured by MESSAGE_* (none by default; the in-app message is always
 * stored). Runs after the event's transaction has committed: a failed send is logged and changes nothing.
 */
@Injectable()
export class MessageDelivery {
  private readonly log = new Logger('MessageDelivery');
  readonly channels: MessageChannel[];
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { webhookUrl, smsUrl, logSink } = config.messages;
    this.channels = [
      ...(webhookUrl ? [new WebhookChannel(webhookUrl)] : []),
      ...(smsUrl ? [new SmsChannel(smsUrl)] : []),
      ...(logSink ? [new LogChannel()] : []),
    ];
  }

  get enabled(): boolean {
    return this.channels.length > 0;
  }

  async deliver(messages: OutgoingMessage[]): Promise<void> {
    for (const message of messages)
      for (const channel of this.channels)
        await channel
          .send(message)
          .catch((err: unknown) =>
            this.log.warn(`message ${message.kind} not sent by ${channel.name}: ${err instanceof Error ? err.message : String(err)}`),
          );
  }
}
