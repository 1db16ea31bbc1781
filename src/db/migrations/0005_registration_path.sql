-- Registration in one statement: the person match as a function, and the similarity index tables.

-- One person, one record (procedure.md §1): by ID number, else by name + phone; a record found by
-- name + phone learns the ID number when it arrives. The unique indexes settle concurrent arrivals.
CREATE FUNCTION minsheng_petitioner(p_kind text, p_name text, p_id text, p_phone text, p_address text, p_at timestamptz)
RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  pid integer;
BEGIN
  IF p_id IS NOT NULL THEN
    SELECT id INTO pid FROM petitioners WHERE id_number = p_id;
    IF FOUND THEN RETURN pid; END IF;
    IF p_phone IS NOT NULL THEN
      UPDATE petitioners SET id_number = p_id, updated_at = p_at
        WHERE name = p_name AND phone = p_phone AND id_number IS NULL
        RETURNING id INTO pid;
      IF FOUND THEN RETURN pid; END IF;
    END IF;
    INSERT INTO petitioners (kind, name, id_number, phone, address, created_at, updated_at)
      VALUES (p_kind, p_name, p_id, p_phone, p_address, p_at, p_at)
      ON CONFLICT (id_number) WHERE id_number IS NOT NULL DO UPDATE SET updated_at = EXCLUDED.updated_at
      RETURNING id INTO pid;
    RETURN pid;
  ELSIF p_phone IS NOT NULL THEN
    INSERT INTO petitioners (kind, name, phone, address, created_at, updated_at)
      VALUES (p_kind, p_name, p_phone, p_address, p_at, p_at)
      ON CONFLICT (name, phone) WHERE id_number IS NULL AND phone IS NOT NULL DO UPDATE SET updated_at = EXCLUDED.updated_at
      RETURNING id INTO pid;
    RETURN pid;
  END IF;
  INSERT INTO petitioners (kind, name, address, created_at, updated_at)
    VALUES (p_kind, p_name, p_address, p_at, p_at) RETURNING id INTO pid;
  RETURN pid;
END $$;

-- Near-duplicate index (MinHash signatures, LSH band keys), written with the matter it describes.
CREATE TABLE matter_text_signatures (
  matter_id  integer PRIMARY KEY REFERENCES matters (id),
  signature  bytea NOT NULL
);
CREATE TABLE matter_lsh_bands (
  band_key   bigint NOT NULL,
  matter_id  integer NOT NULL,
  PRIMARY KEY (band_key, matter_id)
);
