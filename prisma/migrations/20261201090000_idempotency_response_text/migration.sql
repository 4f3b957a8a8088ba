-- A retry with the same Idempotency-Key gets the first answer byte for byte. jsonb reorders
-- object keys (shortest first) and respaces, so the replay differed from the answer it stood
-- for; the answer's body is now kept as the exact text that was sent. Records stored before
-- keep their content, in jsonb's rendering.
ALTER TABLE "IdempotencyRecord" ALTER COLUMN "response" TYPE TEXT USING "response"::text;
