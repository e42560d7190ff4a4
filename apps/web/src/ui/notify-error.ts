import i18next from 'i18next';
import { problemText } from './problem-text';
import { showToast } from './toasts';

export const notifyError = (error: unknown): void => {
  const { title, detail } = problemText(error, i18next.t);
  showToast({ color: 'red', title, message: detail });
};

export const notifySuccess = (title: string): void => showToast({ color: 'green', title }, 3000);
