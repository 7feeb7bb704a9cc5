import { keysFollowCommitsSpec } from '../testing/keys-follow-commits.js';

keysFollowCommitsSpec('embedded stores', () => ({}));
