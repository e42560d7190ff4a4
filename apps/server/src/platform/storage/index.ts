export { createLocalDiskStorage, type LocalDiskStorageOptions } from './local-disk-storage.js';
export type { Storage, StoredObject, StoredObjectInfo } from './storage.js';
export { assertStorageKey, maxKeyLength } from './storage-key.js';
