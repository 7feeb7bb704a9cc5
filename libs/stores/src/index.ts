export * from './open-stores.js';
export * from './rebuild-read-models.js';
