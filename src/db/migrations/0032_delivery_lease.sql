-- The e-mail outbox's lease (issue 13 item 2): a sender claims due rows in a short transaction
-- (FOR UPDATE SKIP LOCKED), sets a lease token and a lease end, sends outside any transaction, and
-- marks the row sent only if it still holds the lease. Another instance skips leased rows; a sender
-- that dies mid-send leaves a lease that runs out, and the row is sent again with the same
-- Message-ID, which receiving servers and mail clients use to drop the duplicate.
ALTER TABLE notification_deliveries ADD COLUMN lease_token text;
ALTER TABLE notification_deliveries ADD COLUMN leased_until timestamptz;
ALTER TABLE notification_deliveries ADD COLUMN created_at timestamptz;
UPDATE notification_deliveries d SET created_at = n.created_at
  FROM notifications n WHERE n.id = d.notification_id;
ALTER TABLE notification_deliveries ALTER COLUMN created_at SET NOT NULL;
ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check;
ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
  CHECK (status IN ('pending', 'sent', 'failed', 'expired'));
