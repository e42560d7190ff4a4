import { useSoftphoneHost } from './use-softphone';

/** Renders nothing: keeps the browser softphone registered while the agent's app is open. */
export const SoftphoneHost = () => {
  useSoftphoneHost();
  return null;
};
