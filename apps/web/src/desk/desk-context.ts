import { createContext, type RefObject, useContext } from 'react';

/** Lets keyboard shortcuts in the desk layout reach inputs that live in the conversation pane. */
export type DeskFocusTargets = {
  reply: RefObject<HTMLTextAreaElement | null>;
  search: RefObject<HTMLInputElement | null>;
};

export const DeskFocusContext = createContext<DeskFocusTargets | null>(null);

export const useDeskFocus = (): DeskFocusTargets => {
  const targets = useContext(DeskFocusContext);
  if (!targets) throw new Error('useDeskFocus outside the desk');
  return targets;
};
