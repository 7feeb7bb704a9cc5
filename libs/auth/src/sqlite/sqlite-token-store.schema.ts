// Names are unique for ever, revoked principals included, and case-insensitively: events record
// the actor, and "Alice" and "alice" (or a new "ci" after the old one was revoked) must not be
// told apart by case or by date in the audit trail.
export const PRINCIPALS_SCHEMA = `
  CREATE TABLE IF NOT EXISTS principals (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role        TEXT NOT NULL,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  TEXT NOT NULL,
    revoked_at  TEXT
  ) STRICT;
`;

export interface PrincipalRow {
  id: string;
  name: string;
  role: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
}
