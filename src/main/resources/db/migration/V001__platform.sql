-- Baseline: extensions and conventions shared by all modules.
CREATE EXTENSION IF NOT EXISTS pgcrypto;
