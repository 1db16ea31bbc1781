-- The petitioner's own follow-up (网上回访): answered on the portal with the case number and the
-- query code, so no member of staff opens that case. It is the one case without an opener, and the
-- unit that answers for it is the matter's lead unit (set by the application).
ALTER TABLE cases ALTER COLUMN opened_by DROP NOT NULL;
ALTER TABLE cases ADD CONSTRAINT cases_opener_check CHECK (opened_by IS NOT NULL OR type = 'follow_up');

-- The petitioner answers the questionnaire once per matter; staff may record as many as they make.
CREATE UNIQUE INDEX cases_petitioner_follow_up_once ON cases (matter_id)
  WHERE type = 'follow_up' AND opened_by IS NULL;
