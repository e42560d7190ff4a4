import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type ConversationFilters, listConversations } from '../api/conversations-api';
import { queryKeys } from '../api/query-keys';

export const useConversationList = (filters: ConversationFilters) => {
  const query = useInfiniteQuery({
    queryKey: queryKeys.conversationList(filters),
    queryFn: ({ pageParam, signal }) => listConversations(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep the old rows on screen while a new filter loads, instead of flashing empty.
    placeholderData: keepPreviousData,
  });
  const conversations = query.data?.pages.flatMap((page) => page.items) ?? [];
  return { ...query, conversations };
};
