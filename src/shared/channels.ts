/** IPC channel names are derived from call and event names, so no channel name is written twice. */
export const callChannel = (name: string): string => `api:${name}`;
export const eventChannel = (name: string): string => `event:${name}`;
export const callChannelPrefix = 'api:';
