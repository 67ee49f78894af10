-- The daily question: each server's settings, one post per server per day, one answer per
-- member per day. The keys are the rules (a post or an answer is claimed by inserting its
-- row; a reveal by setting revealed_at where it is NULL), so they hold across processes.
-- A SQLite file written by the bot before this version already has these tables (created
-- by the daily store itself, same names and columns): IF NOT EXISTS adopts them as they are.
CREATE TABLE IF NOT EXISTS daily_config (
    guild_id   BIGINT PRIMARY KEY,
    channel_id BIGINT NOT NULL,
    post_time  TEXT NOT NULL,              -- HH:MM, UTC
    enabled    INTEGER NOT NULL DEFAULT 1,
    since      DOUBLE PRECISION NOT NULL   -- when it was last set: days that began before are not posted
);
CREATE TABLE IF NOT EXISTS daily_posts (
    guild_id     BIGINT NOT NULL,
    day          TEXT NOT NULL,            -- ISO date the day starts on (sorts as text)
    channel_id   BIGINT NOT NULL,
    message_id   BIGINT,                   -- NULL between the claim and the message being sent
    question_key TEXT NOT NULL,
    prompt       TEXT NOT NULL,
    options      TEXT NOT NULL,            -- JSON list, in the order the buttons show them
    correct      INTEGER NOT NULL,
    answer       TEXT NOT NULL,
    reveal       TEXT NOT NULL,
    posted_at    DOUBLE PRECISION NOT NULL,
    revealed_at  DOUBLE PRECISION,
    PRIMARY KEY (guild_id, day)
);
CREATE INDEX IF NOT EXISTS daily_posts_open ON daily_posts(revealed_at) WHERE revealed_at IS NULL;
CREATE TABLE IF NOT EXISTS daily_answers (
    guild_id    BIGINT NOT NULL,
    day         TEXT NOT NULL,
    user_id     BIGINT NOT NULL,
    name        TEXT NOT NULL,
    option      INTEGER,                   -- the button picked; NULL for a typed answer
    correct     INTEGER NOT NULL,
    answered_at DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (guild_id, day, user_id),
    FOREIGN KEY (guild_id, day) REFERENCES daily_posts(guild_id, day) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS daily_answers_user ON daily_answers(user_id);
-- The old daily store's own version row: the schema_migrations ledger records this step now.
DROP TABLE IF EXISTS daily_meta;
