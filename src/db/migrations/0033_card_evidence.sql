-- Evidence with a card's answer (issue 13 item 5: "what was done, evidence attachments"): files
-- already attached to the card's matter, named by the answering unit. A returned answer takes its
-- evidence with it (the event log keeps which files were named).
CREATE TABLE card_answer_attachments (
  case_id        integer NOT NULL REFERENCES supervision_cards (case_id),
  attachment_id  integer NOT NULL REFERENCES attachments (id),
  PRIMARY KEY (case_id, attachment_id)
);
