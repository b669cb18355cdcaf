-- madoguchi schema, version 1. Shipped migrations are never edited: add 002_….sql instead.
-- Dates are ISO text (YYYY-MM-DD), times of day are minutes since midnight.

PRAGMA application_id = 1296320323; -- 'MDGC': tells madoguchi's files from others

CREATE TABLE organisation (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL,
    email       TEXT NOT NULL,
    desk_hours  TEXT NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE staff (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE CHECK (name <> ''),
    role  TEXT NOT NULL
);

CREATE TABLE services (
    id                INTEGER PRIMARY KEY,
    code              TEXT NOT NULL UNIQUE CHECK (code <> ''),
    name              TEXT NOT NULL CHECK (name <> ''),
    short_name        TEXT NOT NULL CHECK (short_name <> ''),
    kind              TEXT NOT NULL CHECK (kind IN ('group', 'consultation', 'email_consultation', 'program')),
    staff             TEXT NOT NULL DEFAULT '',
    capacity          INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    slot_minutes      INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
    lengths           TEXT NOT NULL DEFAULT '',   -- allowed consultation lengths, e.g. '30,60'
    runs_on_holidays  INTEGER NOT NULL DEFAULT 0 CHECK (runs_on_holidays IN (0, 1)),
    status            TEXT NOT NULL CHECK (status IN ('scheduled', 'under_review', 'paused')),
    position          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE weekly_windows (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday
    start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min     INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
    CHECK (start_min < end_min)
);
CREATE INDEX weekly_windows_by_service ON weekly_windows (service_id);

CREATE TABLE service_periods (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    from_date   TEXT NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    to_date     TEXT NOT NULL CHECK (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    CHECK (from_date <= to_date)
);

CREATE TABLE closures (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER REFERENCES services (id) ON DELETE CASCADE,  -- NULL: every service
    from_date   TEXT NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    to_date     TEXT NOT NULL CHECK (to_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason      TEXT NOT NULL CHECK (reason <> ''),
    CHECK (from_date <= to_date)
);
CREATE INDEX closures_by_dates ON closures (to_date, from_date);

CREATE TABLE program_events (
    id          INTEGER PRIMARY KEY,
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    date        TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_min   INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min     INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
    capacity    INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    notes       TEXT NOT NULL DEFAULT '',
    CHECK (start_min < end_min)
);
CREATE INDEX program_events_by_date ON program_events (date);

CREATE TABLE members (
    id                 INTEGER PRIMARY KEY,
    number             TEXT NOT NULL UNIQUE CHECK (number <> ''),
    name               TEXT NOT NULL CHECK (name <> ''),
    kana               TEXT NOT NULL,
    name_key           TEXT NOT NULL,  -- name without spaces, NFKC
    kana_key           TEXT NOT NULL,  -- furigana folded to hiragana, no spaces
    email              TEXT,
    preferred_contact  TEXT NOT NULL DEFAULT 'phone' CHECK (preferred_contact IN ('phone', 'email')),
    consent_on         TEXT CHECK (consent_on IS NULL OR consent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    notes              TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);

CREATE TABLE member_phones (
    member_id  INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    number     TEXT NOT NULL CHECK (number GLOB '0[0-9]*' AND length(number) BETWEEN 10 AND 11),
    PRIMARY KEY (member_id, position)
) WITHOUT ROWID;
CREATE INDEX member_phones_by_number ON member_phones (number);

CREATE TABLE bookings (
    id                 INTEGER PRIMARY KEY,
    member_id          INTEGER NOT NULL REFERENCES members (id),
    service_id         INTEGER NOT NULL REFERENCES services (id),
    date               TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    start_min          INTEGER NOT NULL CHECK (start_min BETWEEN 0 AND 1439),
    end_min            INTEGER NOT NULL CHECK (end_min BETWEEN 1 AND 1440),
    state              TEXT NOT NULL CHECK (state IN ('confirmed', 'waitlisted', 'cancelled', 'attended', 'no_show')),
    channel            TEXT NOT NULL CHECK (channel IN ('phone', 'mail', 'desk')),
    theme              TEXT NOT NULL DEFAULT '',
    notes              TEXT NOT NULL DEFAULT '',
    waitlist_position  INTEGER CHECK (waitlist_position IS NULL OR waitlist_position >= 1),
    cancel_reason      TEXT,
    cancelled_by       TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    CHECK (start_min < end_min),
    CHECK ((state = 'waitlisted') = (waitlist_position IS NOT NULL)),
    CHECK (state <> 'cancelled' OR cancel_reason IS NOT NULL)
);
CREATE INDEX bookings_by_date ON bookings (date, service_id);
CREATE INDEX bookings_by_member ON bookings (member_id, date);

CREATE TABLE email_consultations (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL REFERENCES members (id),
    service_id    INTEGER NOT NULL REFERENCES services (id),
    requested_on  TEXT NOT NULL,
    agreed_at     TEXT,  -- YYYY-MM-DDTHH:MM once agreed
    state         TEXT NOT NULL CHECK (state IN ('arranging', 'agreed', 'done', 'withdrawn')),
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (state NOT IN ('agreed', 'done') OR agreed_at IS NOT NULL)
);
CREATE INDEX email_consultations_by_agreed ON email_consultations (agreed_at);

-- Every change to a member or a booking, with who made it and the rows before and after
-- (JSON). This is also a booking's history.
CREATE TABLE audit_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER,
    before     TEXT,
    after      TEXT
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
