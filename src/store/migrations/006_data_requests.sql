-- madoguchi schema, version 6 (005 is the staff and roles): members' requests about their
-- own data (開示・訂正・削除), and erasure. An erased member keeps their row, emptied of
-- everything that names them, so their bookings still count in every figure.

ALTER TABLE members ADD COLUMN erased_at TEXT;  -- YYYY-MM-DDTHH:MM:SS once erased

-- Each request as handled: who asked, how their identity was checked, when and by whom.
-- A request the manager made (the retention review) has no one who asked.
CREATE TABLE data_requests (
    id              INTEGER PRIMARY KEY,
    member_id       INTEGER NOT NULL REFERENCES members (id),
    kind            TEXT NOT NULL CHECK (kind IN ('disclosure', 'correction', 'erasure')),
    origin          TEXT NOT NULL CHECK (origin IN ('member', 'manager')),
    requested_by    TEXT NOT NULL DEFAULT '',
    identity_check  TEXT NOT NULL DEFAULT '',
    received_on     TEXT NOT NULL CHECK (received_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    handled_at      TEXT NOT NULL,
    handled_by      TEXT NOT NULL,
    detail          TEXT NOT NULL DEFAULT '',
    CHECK (origin <> 'member' OR (requested_by <> '' AND identity_check <> ''))
);
CREATE INDEX data_requests_by_member ON data_requests (member_id);
