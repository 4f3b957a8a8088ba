-- The support console's workspace search (lib/support/search.ts): case-insensitive prefixes of
-- a workspace's name, its slug and its owner's e-mail. text_pattern_ops lets LIKE 'prefix%' use
-- a B-tree under any collation. Slugs and e-mails are stored lower-cased already.
CREATE INDEX "Workspace_name_lower_prefix_idx" ON "Workspace" (lower("name") text_pattern_ops);
CREATE INDEX "Workspace_slug_prefix_idx" ON "Workspace" ("slug" text_pattern_ops);
CREATE INDEX "User_email_prefix_idx" ON "User" ("email" text_pattern_ops);
