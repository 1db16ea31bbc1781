-- Supervision cards (督办单, issue 13 item 5) as a case type of the workflow kernel.
--
-- A supervisor issues a card on a matter to the unit that must answer it: reason, demand, level
-- (normal / yellow / red) and an answer-by date. An unanswered card escalates one level when its
-- time runs out (the deadline scanner does it, once, in the transaction that claims the overdue
-- mark); each level's new time to answer is configuration (time_limits card_yellow, card_red).
ALTER TABLE cases DROP CONSTRAINT cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check CHECK (type IN ('instruction', 'supervision_card'));

CREATE TABLE supervision_cards (
  case_id         integer PRIMARY KEY REFERENCES cases (id),
  target_unit_id  integer NOT NULL REFERENCES units (id),
  level           text NOT NULL CHECK (level IN ('normal', 'yellow', 'red')),
  reason          text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  demand          text NOT NULL CHECK (length(demand) BETWEEN 1 AND 2000),
  answer_by       date NOT NULL,
  answer          text CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 4000),
  answered_by     integer REFERENCES users (id),
  answered_at     timestamptz,
  escalations     integer NOT NULL DEFAULT 0 CHECK (escalations BETWEEN 0 AND 2)
);
CREATE INDEX supervision_cards_target_idx ON supervision_cards (target_unit_id, case_id);

INSERT INTO time_limits (kind, amount, unit, warn_amount, description_zh, description_en) VALUES
  ('card_answer', 10, 'working_days', 1,
   '督办单答复期限（以督办单写明的日期为准；到期前预警的工作日数）',
   'Answer to a supervision card (the date on the card; warning ahead of it)'),
  ('card_yellow', 5, 'working_days', 1,
   '督办单逾期未答复升级为黄牌后的答复期限',
   'Time to answer after an unanswered card escalates to yellow'),
  ('card_red', 3, 'working_days', 1,
   '黄牌逾期未答复升级为红牌后的答复期限（红牌送达同级领导）',
   'Time to answer after a yellow card escalates to red (a red card reaches the leaders of the unit''s level)');
