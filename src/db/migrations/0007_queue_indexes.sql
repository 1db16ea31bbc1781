-- The queue's default order (newest first, then id) served straight from an index.
CREATE INDEX matters_registered_at_id_idx ON matters (registered_at DESC, id DESC);
CREATE INDEX matters_state_registered_idx ON matters (state, registered_at DESC, id DESC);
DROP INDEX matters_registered_at_idx;
