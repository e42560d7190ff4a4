import type { ConversationDetail, UpdateConversationRequest } from '@switchboard/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateConversation } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';
import { notifyError } from '../ui/notify-error';

export const useUpdateConversation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: UpdateConversationRequest }) => updateConversation(id, change),
    onSuccess: (detail: ConversationDetail) => {
      queryClient.setQueryData(queryKeys.conversation(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationLists });
    },
    onError: notifyError,
  });
};
