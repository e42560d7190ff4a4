import { Channel, ConversationStatus } from '@switchboard/contracts';
import { z } from 'zod';

export const PortalSearch = z.object({
  q: z.string().max(200).optional().catch(undefined),
  channel: Channel.optional().catch(undefined),
  status: ConversationStatus.optional().catch(undefined),
});
export type PortalSearch = z.infer<typeof PortalSearch>;
