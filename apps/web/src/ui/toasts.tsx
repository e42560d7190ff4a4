import { Notification, Portal, Stack } from '@mantine/core';
import { useSyncExternalStore } from 'react';

export type Toast = { id: number; color: 'red' | 'green' | 'blue' | 'orange'; title: string; message?: string };

// A tiny toast store: @mantine/notifications pins an exact @mantine/core version we don't have.
let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

export const dismissToast = (id: number): void => {
  toasts = toasts.filter((toast) => toast.id !== id);
  emit();
};

export const showToast = (toast: Omit<Toast, 'id'>, timeoutMs = 6000): void => {
  const id = nextId++;
  toasts = [...toasts.slice(-3), { ...toast, id }];
  emit();
  setTimeout(() => dismissToast(id), timeoutMs);
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const ToastStack = () => {
  const current = useSyncExternalStore(subscribe, () => toasts);
  return (
    <Portal>
      <Stack
        gap="xs"
        style={{ position: 'fixed', insetBlockEnd: 16, insetInlineEnd: 16, zIndex: 1000, width: 360, maxWidth: '90vw' }}
        aria-live="polite"
      >
        {current.map((toast) => (
          <Notification
            key={toast.id}
            color={toast.color}
            title={toast.title}
            onClose={() => dismissToast(toast.id)}
            withBorder
            role={toast.color === 'red' ? 'alert' : 'status'}
          >
            {toast.message}
          </Notification>
        ))}
      </Stack>
    </Portal>
  );
};
