import type { DomainEvent } from '../shared/decider.js';

/**
 * A person was forgotten (SPEC §6): their key is destroyed after this is recorded, so every event
 * holding their personal data reads as erased from then on. Recorded on the stream `person-<personId>`;
 * the reason is in the metadata (it must not name the person).
 */
export type PersonalDataErased = DomainEvent<'PersonalDataErased', { personId: string; erasedAt?: string }>;

export type PersonEvent = PersonalDataErased;
