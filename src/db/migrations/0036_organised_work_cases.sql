-- Organised work (issue 14): the case types of reception days, backlog campaigns, joint meetings,
-- responsibility letters and accountability join the workflow kernel's cases. Each type's own
-- tables come with its own migration (0037 reception, 0038 campaigns, 0039 meetings, 0040 letters
-- and accountability); this one only widens the list, so those can land in any order.
ALTER TABLE cases DROP CONSTRAINT cases_type_check;
ALTER TABLE cases ADD CONSTRAINT cases_type_check
  CHECK (type IN ('instruction', 'supervision_card', 'follow_up', 'ownership',
                  'reception_session', 'appointment_request', 'campaign', 'meeting',
                  'meeting_assignment', 'responsibility_letter', 'accountability'));
