-- 发文机关代字: the short code a unit prints in its 文号 (南山信访受告〔2026〕17号), set by an
-- administrator. NULL keeps the code derived from the unit's name (documents/document-numbers.ts).
-- Numbers already issued keep the code they were printed with (issued_documents.doc_number).
ALTER TABLE units ADD COLUMN doc_code text
  CHECK (doc_code IS NULL OR (char_length(doc_code) BETWEEN 1 AND 12 AND doc_code !~ '\s'));
