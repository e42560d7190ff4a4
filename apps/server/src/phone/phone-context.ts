import type { DeskEvent } from '@switchboard/contracts';
import type { Reactions } from '../conversations/index.js';
import type { Db, Tx } from '../db/index.js';
import type { DeskEventPublisher } from '../realtime/index.js';
import type { CallbackDueAt } from './callback-due.js';
import type { PickAgent } from './pick-agent.js';
import type { VoiceAdapter } from './voice-adapter.js';

/** What the phone's use-cases need from the app. */
export type PhoneDeps = {
  db: Db;
  events: DeskEventPublisher;
  /** Who reacts to a new call's conversation (the client's rules). */
  reactions: Reactions;
  pickAgent: PickAgent;
  callbackDueAt: CallbackDueAt;
  adapters: { twilio: VoiceAdapter; cti: VoiceAdapter };
};

/** One transaction's work: desk events wait in `published` until it commits. */
export type PhoneTx = { tx: Tx; deps: PhoneDeps; published: DeskEvent[] };

/** Runs `work` in a transaction and publishes its desk events once committed. */
export async function inPhoneTx<T>(deps: PhoneDeps, work: (context: PhoneTx) => Promise<T>): Promise<T> {
  const published: DeskEvent[] = [];
  const result = await deps.db.transaction((tx) => work({ tx, deps, published }));
  for (const event of published) await deps.events.publish(event);
  return result;
}
