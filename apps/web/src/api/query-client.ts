import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isProblem } from './problem-error';

let onUnauthorized: () => void = () => {};

/** The router registers where a lost session should go; the query client only knows that it was lost. */
export const setUnauthorizedHandler = (handler: () => void): void => {
  onUnauthorized = handler;
};

const handleError = (error: unknown) => {
  if (isProblem(error, 401)) onUnauthorized();
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: handleError }),
  mutationCache: new MutationCache({ onError: handleError }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: true,
      // Client errors will not heal by retrying; network blips and 5xx might.
      retry: (failureCount, error) =>
        !(isProblem(error) && error.status >= 400 && error.status < 500) && failureCount < 2,
    },
  },
});
