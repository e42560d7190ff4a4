export { SaveAsAnswerButton } from './save-as-answer-button';
