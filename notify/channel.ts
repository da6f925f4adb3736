/**
 * One small interface per channel. A channel never throws for a delivery problem: it answers
 * what happened, with the gateway's own words kept for the delivery log.
 */
import type { ChannelKind } from '../contracts/notifications';

export interface OutboundMessage {
  channel: ChannelKind;
  /** The channel's address: email, +84 phone, URL… (never logged). */
  to: string;
  subject: string;
  body: string;
  urgent: boolean;
  template?: { id: string; params: Record<string, string> };
}

export type SendResult =
  | { outcome: 'delivered'; answer: string; providerId?: string }
  | { outcome: 'retryable'; answer: string; retryAfterMs?: number }
  | { outcome: 'permanent'; answer: string };

export interface SendOptions {
  /** Same for every attempt of one message: gateways that take one drop a repeat. */
  idempotencyKey: string;
  signal: AbortSignal;
}

export interface Channel {
  readonly kind: ChannelKind;
  /** Whether a repeated send is dropped by the receiver (an idempotency key it honours). */
  readonly idempotent: boolean;
  send(message: OutboundMessage, options: SendOptions): Promise<SendResult>;
  close?(): Promise<void>;
}

/** What a fetch failure reads as in the log: an abort is a timeout; the rest is the network's message. */
export function networkAnswer(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
    return 'timeout: the gateway did not answer in time';
  return `network: ${err instanceof Error ? err.message : String(err)}`.slice(0, 300);
}
