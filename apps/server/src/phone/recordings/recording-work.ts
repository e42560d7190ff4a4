/** NOTIFY channel: `clientId/recordingId` of a recording waiting to be fetched. */
export const recordingWorkChannel = 'phone_recording_pending';
