-- 文号: every written notice gets a number of its issuing unit, its kind and its year
-- (南山信访受告〔2026〕17号), assigned once when it is issued and never reused or changed.
-- document_sequences holds the last number per unit/kind/year; taking the next one is an
-- INSERT … ON CONFLICT DO UPDATE on that row, which locks it until the issuing transaction ends,
-- so two units of work never draw the same number and a rolled-back one leaves no gap.
CREATE TABLE document_sequences (
  unit_id   integer NOT NULL REFERENCES units (id),
  kind      text NOT NULL,
  year      integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  last_seq  integer NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (unit_id, kind, year)
);

CREATE TABLE issued_documents (
  id          serial PRIMARY KEY,
  matter_id   integer NOT NULL REFERENCES matters (id),
  kind        text NOT NULL CHECK (kind IN ('acceptance', 'non_acceptance', 'extension', 'reply', 'review', 'recheck')),
  unit_id     integer NOT NULL REFERENCES units (id),
  year        integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  seq         integer NOT NULL CHECK (seq > 0),
  -- The whole number as printed, with the unit's prefix of the day: a unit renamed later does not
  -- renumber what it already issued.
  doc_number  text NOT NULL CHECK (length(doc_number) BETWEEN 1 AND 100),
  issued_at   timestamptz NOT NULL,
  UNIQUE (unit_id, kind, year, seq),
  UNIQUE (matter_id, kind)
);

CREATE TRIGGER issued_documents_no_delete BEFORE DELETE ON issued_documents
  FOR EACH ROW EXECUTE FUNCTION minsheng_forbid_delete();
CREATE TRIGGER issued_documents_no_truncate BEFORE TRUNCATE ON issued_documents
  FOR EACH STATEMENT EXECUTE FUNCTION minsheng_forbid_truncate();
