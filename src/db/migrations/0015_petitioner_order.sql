-- The petitioners of a matter in the order they were entered: a collective visit's representatives
-- are read back (matter page, documents) as the registrar or the petitioners listed them.
ALTER TABLE matter_petitioners ADD COLUMN position integer NOT NULL DEFAULT 0;
-- Matters registered before this column existed keep the order they were shown in (by person).
UPDATE matter_petitioners mp SET position = o.pos
FROM (
  SELECT matter_id, petitioner_id,
         (row_number() OVER (PARTITION BY matter_id ORDER BY petitioner_id))::int - 1 AS pos
  FROM matter_petitioners
) o
WHERE o.matter_id = mp.matter_id AND o.petitioner_id = mp.petitioner_id;
