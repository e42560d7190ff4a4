import type { ReplyChannel } from '../conversations/index.js';

/** A caller cannot be written to: a reply there would be shown as sent and reach nobody. */
export const phoneReplyChannel: ReplyChannel = {
  refuses: {
    code: 'CHANNEL_TAKES_NO_REPLY',
    detail: 'A phone conversation takes no written reply; add a note, or call the customer back.',
  },
};
