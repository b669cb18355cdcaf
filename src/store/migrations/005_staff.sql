-- madoguchi schema, version 5: who is at the desk. The people who work the desk, with
-- their role and an optional PIN (only ever a salted Argon2 hash); mail texts changed by
-- someone who is not a manager wait as drafts until a manager approves them; every audit
-- row knows the member it is about, so the manager can read one member's history.
-- (The `staff` table of version 1 lists the services' people — counsellors, teachers —
-- and is left as it is.)

CREATE TABLE desk_staff (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
    role        TEXT NOT NULL CHECK (role IN ('reception', 'staff', 'manager')),
    pin_hash    TEXT,  -- PHC string ($argon2id$…); NULL: no PIN set
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL
);

-- A new database (and one from before this version) starts with one manager, who is
-- asked to set a PIN and to add the others.
INSERT INTO desk_staff (name, role, created_at) VALUES ('管理者', 'manager', strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'));

CREATE TABLE mail_template_drafts (
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('confirmation', 'waitlisted', 'change', 'cancellation', 'access')),
    subject     TEXT NOT NULL,   -- '' with body '': back to the program's default text
    body        TEXT NOT NULL,
    drafted_by  TEXT NOT NULL,
    drafted_at  TEXT NOT NULL,
    PRIMARY KEY (service_id, kind)
) WITHOUT ROWID;

ALTER TABLE audit_log ADD COLUMN member_id INTEGER;
UPDATE audit_log SET member_id = entity_id WHERE entity = 'member';
UPDATE audit_log SET member_id = (SELECT b.member_id FROM bookings b WHERE b.id = audit_log.entity_id)
 WHERE entity = 'booking';
UPDATE audit_log SET member_id = (SELECT e.member_id FROM email_consultations e WHERE e.id = audit_log.entity_id)
 WHERE entity = 'email_consultation';
CREATE INDEX audit_log_by_member ON audit_log (member_id) WHERE member_id IS NOT NULL;
CREATE INDEX audit_log_by_at ON audit_log (at);
