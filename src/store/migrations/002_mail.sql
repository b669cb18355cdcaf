-- madoguchi schema, version 2: mail. The outbox, the meeting access of the group
-- session, and the message templates the manager edits per service.

-- Every message is written here before anything tries to send it, in the same
-- transaction as the booking change it tells of, so no booking lacks its message and a
-- crash loses none.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    booking_id       INTEGER REFERENCES bookings (id),  -- NULL: a test message
    kind             TEXT NOT NULL
                     CHECK (kind IN ('confirmation', 'waitlisted', 'change', 'cancellation', 'access', 'test')),
    -- Tells apart messages of one kind for one booking: '' for confirmation, waitlisted
    -- and cancellation (at most one each), the change's number for change notices
    -- ('1', '2', ...), and for the access message the session date with the meeting
    -- access it carries ('2026-11-25 d1': the default, first version; '2026-11-25 2': the
    -- date's own, corrected once).
    occasion         TEXT NOT NULL DEFAULT '',
    session_date     TEXT NOT NULL CHECK (session_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    recipient        TEXT,  -- NULL: the member has no email and is phoned instead
    subject          TEXT NOT NULL,
    body             TEXT NOT NULL,
    -- queued → sending → sent; failed (permanent, shown to staff); to_call (no email) →
    -- called; withdrawn (no longer to be sent, e.g. an access message for a booking
    -- cancelled before it went out).
    state            TEXT NOT NULL
                     CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'to_call', 'called', 'withdrawn')),
    next_attempt_at  TEXT,  -- YYYY-MM-DDTHH:MM: not tried again before, after a transient failure
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_by       TEXT,           -- the sending run that holds it while 'sending'
    claimed_at       TEXT,
    last_error       TEXT,
    sent_at          TEXT,
    -- An access message for a booking confirmed after that day's access mail went out.
    late             INTEGER NOT NULL DEFAULT 0 CHECK (late IN (0, 1)),
    created_at       TEXT NOT NULL,
    UNIQUE (booking_id, kind, occasion),
    CHECK ((state = 'sending') = (claimed_by IS NOT NULL)),
    CHECK (recipient IS NOT NULL OR state IN ('to_call', 'called', 'withdrawn'))
);
CREATE INDEX outbox_by_state ON outbox (state);
CREATE INDEX outbox_by_session_date ON outbox (session_date);

-- Meeting ID and passcode of a group session: one per date, and a default per service
-- used on dates that have none.
CREATE TABLE meeting_access (
    service_id   INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    date         TEXT NOT NULL CHECK (date = 'default' OR date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    meeting_id   TEXT NOT NULL CHECK (meeting_id <> ''),
    passcode     TEXT NOT NULL CHECK (passcode <> ''),
    -- Counts corrections: a changed ID or passcode is sent again to everyone on the day.
    revision     INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (service_id, date)
) WITHOUT ROWID;

-- The manager's own wording per service and kind of message; without a row the
-- program's default text is used.
CREATE TABLE mail_templates (
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('confirmation', 'waitlisted', 'change', 'cancellation', 'access')),
    subject     TEXT NOT NULL CHECK (subject <> ''),
    body        TEXT NOT NULL CHECK (body <> ''),
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (service_id, kind)
) WITHOUT ROWID;

INSERT OR IGNORE INTO settings (key, value) VALUES ('access.send_from', '07:00');
