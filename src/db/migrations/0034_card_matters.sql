-- A supervision card on a unit's set of matters (issue 13 item 5: "on a matter or on a unit's set
-- of matters"). Every card names its matters here: one for a card on a matter (whose case row also
-- carries matter_id, so its events join that matter's timeline), one or more for a card on a unit's
-- set (case row matter_id NULL). Whoever sees the card must see each of its matters.
CREATE TABLE supervision_card_matters (
  case_id    integer NOT NULL REFERENCES supervision_cards (case_id),
  matter_id  integer NOT NULL REFERENCES matters (id),
  PRIMARY KEY (case_id, matter_id)
);
CREATE INDEX supervision_card_matters_matter_idx ON supervision_card_matters (matter_id, case_id);

INSERT INTO supervision_card_matters (case_id, matter_id)
SELECT c.id, c.matter_id FROM cases c
JOIN supervision_cards s ON s.case_id = c.id
WHERE c.matter_id IS NOT NULL;
