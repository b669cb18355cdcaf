-- madoguchi schema, version 8: booking requests that arrive by email. Each mail read is
-- one row: the reading (a proposal, never a booking), the identity check's flags, and
-- what a person did with it. The mail itself is kept only until the request is handled
-- plus `intake.keep_days` days (30 unless set), then its raw bytes and text are removed.
CREATE TABLE intake_requests (
    id               INTEGER PRIMARY KEY,
    -- The sender's Message-ID: the same mail imported or fetched twice is one request.
    message_id       TEXT,
    sender           TEXT NOT NULL,
    sender_name      TEXT NOT NULL DEFAULT '',
    subject          TEXT NOT NULL,
    sent_at          TEXT NOT NULL,   -- YYYY-MM-DDTHH:MM:SS, Japan time
    body             TEXT,            -- the decoded text; NULL once removed
    raw              BLOB,            -- the mail as received; NULL once removed
    kind             TEXT NOT NULL CHECK (kind IN ('group', 'consultation', 'doctor_mail', 'other')),
    reading          TEXT NOT NULL,   -- domain::intake::Reading as JSON
    member_id        INTEGER REFERENCES members (id),
    flags            TEXT NOT NULL DEFAULT '[]',  -- domain::intake::IdentityFlag list as JSON
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'dismissed')),
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
CREATE UNIQUE INDEX intake_by_message_id ON intake_requests (message_id) WHERE message_id IS NOT NULL;
CREATE INDEX intake_by_state ON intake_requests (state);

-- A reply to a request mail answers it: In-Reply-To and References carry its Message-ID.
ALTER TABLE outbox ADD COLUMN in_reply_to TEXT;

-- Where reading the organisation's mailbox got to: the mailbox's UIDVALIDITY and the
-- highest UID read. A changed UIDVALIDITY means the server renumbered its messages:
-- everything is read again, and the Message-IDs keep each request single.
CREATE TABLE intake_mailbox (
    mailbox      TEXT PRIMARY KEY,
    uidvalidity  INTEGER NOT NULL,
    last_uid     INTEGER NOT NULL,
    fetched_at   TEXT NOT NULL
) WITHOUT ROWID;
