export * from './open-stores.js';
