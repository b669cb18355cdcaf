-- madoguchi schema, version 4: a service's capacity changes from a date on. Sessions
-- before that date keep the capacity they had, in the week, the day list and every
-- figure; services.capacity stays the capacity in force for dates with no change.

CREATE TABLE capacity_changes (
    service_id INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    from_date  TEXT    NOT NULL CHECK (from_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    capacity   INTEGER NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
    PRIMARY KEY (service_id, from_date)
) WITHOUT ROWID;
