import { Logger } from '@nestjs/common';

/**
 * What leaves the platform: the title, the kind, the page to open and the unit it is for — never the
 * body (a return reason is typed by a person and stays in-app), never a resident's data.
 */
export interface OutgoingMessage {
  kind: string;
  title: string;
  link: string | null;
  regionId: number | null;
  departmentId: number | null;
  role: string | null;
  userId: number | null;
  createdAt: Date;
}

/** One way out (SMS gateway, robot webhook, the log). `send` throws on failure; the caller logs it. */
export interface MessageChannel {
  readonly name: string;
  send(message: OutgoingMessage): Promise<void>;
}

const TIMEOUT_MS = 5000;

async function postJson(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

/** A WeCom / DingTalk group robot: `{ msgtype: 'text', text: { content } }`, plus the structured fields. */
export class WebhookChannel implements MessageChannel {
  readonly name = 'webhook';
  constructor(private readonly url: string) {}
  send(message: OutgoingMessage): Promise<void> {
    return postJson(this.url, {
      msgtype: 'text',
      text: { content: `【一表通】${message.title}` },
      message: { ...message, createdAt: message.createdAt.toISOString() },
    });
  }
}

/** An SMS gateway reached over HTTP: it maps the unit (region/department and role) to the numbers it keeps. */
export class SmsChannel implements MessageChannel {
  readonly name = 'sms';
  constructor(private readonly url: string) {}
  send(message: OutgoingMessage): Promise<void> {
    return postJson(this.url, {
      text: `【一表通】${message.title}`,
      to: { regionId: message.regionId, departmentId: message.departmentId, role: message.role, userId: message.userId },
      kind: message.kind,
    });
  }
}

/** Development: each outgoing message written to the log (titles and units only). */
export class LogChannel implements MessageChannel {
  readonly name = 'log';
  private readonly log = new Logger('Messages');
  send(message: OutgoingMessage): Promise<void> {
    this.log.log(
      `message ${message.kind} → region ${message.regionId ?? '-'} department ${message.departmentId ?? '-'} user ${message.userId ?? '-'}: ${message.title}`,
    );
    return Promise.resolve();
  }
}
