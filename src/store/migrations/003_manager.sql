-- madoguchi schema, version 3: bookings hit by a change of the schedule (a closure, a
-- window moved, a service paused) are kept and marked for a call until the desk has
-- phoned the member.

ALTER TABLE bookings ADD COLUMN call_reason TEXT CHECK (call_reason IS NULL OR call_reason <> '');
CREATE INDEX bookings_to_call ON bookings (date) WHERE call_reason IS NOT NULL;
