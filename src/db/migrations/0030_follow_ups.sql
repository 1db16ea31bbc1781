-- Follow-up (回访, issue 13 item 6) as a case type of the workflow kernel: after a reply, the
-- handling unit or the bureau contacts the petitioner and records whether they were reached,
-- whether the problem was actually solved, and their opinion. A follow-up that finds the problem
-- not solved is flagged for the supervisors of the scope, who take it up.
ALTER TABLE cases DROP CONSTRAINT cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('instruction', 'supervision_card', 'follow_up'));

CREATE TABLE follow_ups (
  case_id      integer PRIMARY KEY REFERENCES cases (id),
  method       text NOT NULL CHECK (method IN ('phone', 'visit', 'sms', 'online')),
  reached      boolean NOT NULL,
  -- Null when the petitioner was not reached: nobody can say whether it was solved.
  solved       text CHECK (solved IN ('solved', 'partly', 'not_solved')),
  opinion      text CHECK (opinion IS NULL OR length(opinion) BETWEEN 1 AND 2000),
  CHECK (reached OR solved IS NULL)
);
CREATE INDEX follow_ups_unsolved_idx ON follow_ups (case_id) WHERE solved = 'not_solved';
