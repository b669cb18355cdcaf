-- madoguchi schema, version 9: answering request mails. SQLite cannot change a CHECK in
-- place, so two tables are built again with the same rows and ids.

-- A request answered with the free alternatives is handled: 'answered'. Built again for
-- the new state, with the same rows and ids.
CREATE TABLE intake_requests_v9 (
    id               INTEGER PRIMARY KEY,
    message_id       TEXT,
    sender           TEXT NOT NULL,
    sender_name      TEXT NOT NULL DEFAULT '',
    subject          TEXT NOT NULL,
    sent_at          TEXT NOT NULL,
    body             TEXT,
    raw              BLOB,
    kind             TEXT NOT NULL CHECK (kind IN ('group', 'consultation', 'doctor_mail', 'other')),
    reading          TEXT NOT NULL,
    member_id        INTEGER REFERENCES members (id),
    flags            TEXT NOT NULL DEFAULT '[]',
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'answered', 'dismissed')),
    booking_id       INTEGER REFERENCES bookings (id),
    email_consultation_id INTEGER REFERENCES email_consultations (id),
    dismiss_reason   TEXT,
    handled_by       TEXT,
    handled_at       TEXT,
    mail_removed_at  TEXT,
    created_at       TEXT NOT NULL,
    CHECK ((state = 'pending') = (handled_at IS NULL)),
    CHECK (state <> 'dismissed' OR dismiss_reason IS NOT NULL)
);
INSERT INTO intake_requests_v9 SELECT id, message_id, sender, sender_name, subject, sent_at, body, raw, kind, reading,
       member_id, flags, state, booking_id, email_consultation_id, dismiss_reason, handled_by, handled_at,
       mail_removed_at, created_at
FROM intake_requests;
DROP TABLE intake_requests;
ALTER TABLE intake_requests_v9 RENAME TO intake_requests;
CREATE UNIQUE INDEX intake_by_message_id ON intake_requests (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX intake_by_state ON intake_requests (state);


-- The outbox learns a kind 'reply': the desk's own answer to a request mail (the free
-- alternatives, written from a draft and edited before it goes), tied to the request it
-- answers and threaded under the member's mail.
CREATE TABLE outbox_v9 (
    id               INTEGER PRIMARY KEY,
    booking_id       INTEGER REFERENCES bookings (id),  -- NULL: a test message or a reply
    kind             TEXT NOT NULL
                     CHECK (kind IN ('confirmation', 'waitlisted', 'change', 'cancellation', 'access', 'test',
                                     'reply')),
    occasion         TEXT NOT NULL DEFAULT '',
    session_date     TEXT NOT NULL CHECK (session_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recipient        TEXT,
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    state            TEXT NOT NULL
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'to_call', 'called', 'withdrawn')),
    next_attempt_at  TEXT,
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT,
    claimed_at       TEXT,
    last_error       TEXT,
    sent_at          TEXT,
    late             INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    created_at       TEXT NOT NULL,
    in_reply_to      TEXT,
    -- The request mail a reply answers.
    intake_id        INTEGER REFERENCES intake_requests (id),
    UNIQUE (booking_id, kind, occasion),
    CHECK ((state = 'sending') = (claimed_by IS NOT NULL)),
    CHECK (recipient IS NOT NULL OR state IN ('to_call', 'called', 'withdrawn')),
    CHECK ((kind = 'reply') = (intake_id IS NOT NULL))
);
INSERT INTO outbox_v9 (id, booking_id, kind, occasion, session_date, recipient, subject, body, state,
                       next_attempt_at, attempts, claimed_by, claimed_at, last_error, sent_at, late, created_at,
                       in_reply_to)
SELECT id, booking_id, kind, occasion, session_date, recipient, subject, body, state,
       next_attempt_at, attempts, claimed_by, claimed_at, last_error, sent_at, late, created_at, in_reply_to
FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v9 RENAME TO outbox;
CREATE INDEX outbox_by_state ON outbox (state);
CREATE INDEX outbox_by_session_date ON outbox (session_date);
CREATE INDEX outbox_by_intake ON outbox (intake_id) WHERE intake_id IS NOT NULL;

-- The address a booking's mail goes to when it is not the member's address on file: the
-- one the member gave in their request mail. The meeting access goes there too. NULL:
-- the member's address on file.
ALTER TABLE bookings ADD COLUMN email TEXT;
