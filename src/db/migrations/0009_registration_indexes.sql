-- Every registration writes each index of matters. matters_state_idx is covered by the leading column
-- of matters_state_registered_idx (state, registered_at, id), which also serves the queue's order.
DROP INDEX matters_state_idx;
