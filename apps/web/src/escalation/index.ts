export { escalationKeys } from './escalation-api';
export { EscalationPanel } from './escalation-panel';
export { EscalationSettingsTab } from './escalation-settings-tab';
export { PortalEscalationPage } from './portal-escalation-page';
export { PortalEscalationsPage } from './portal-escalations-page';
