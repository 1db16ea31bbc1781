-- A clock never stops silently (procedure.md §4): a suspended matter is a state of its own.
ALTER TABLE matters DROP CONSTRAINT matters_state_check;
ALTER TABLE matters ADD CONSTRAINT matters_state_check CHECK (state IN ('registered', 'accepted', 'in_handling',
  'suspended', 'replied', 'evaluated', 'review_requested', 'reviewed', 'recheck_requested', 'rechecked', 'closed',
  'concluded', 'forwarded', 'handed_down', 'not_accepted', 'merged'));
ALTER TABLE matters ADD COLUMN suspended_at timestamptz;
