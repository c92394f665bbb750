-- The dedicated permission to see the address of a person with protected identity (skyddad
-- folkbokföring / sekretessmarkering). Without it the address is hidden from every role; an
-- administrator grants it to a named user (docs/security.md, "Protected identity").
ALTER TABLE app_user ADD COLUMN protected_addresses boolean NOT NULL DEFAULT false;
