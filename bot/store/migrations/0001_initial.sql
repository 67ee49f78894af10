-- The quiz schema as first shipped: games, rounds, answers, the points ledger, players,
-- per-server settings and recently asked questions.
CREATE TABLE games (
    id          ID_PRIMARY_KEY,
    guild_id    BIGINT,
    channel_id  BIGINT NOT NULL,
    started_by  BIGINT,
    mode        TEXT NOT NULL,
    difficulty  TEXT,
    category    TEXT,
    rounds      INTEGER NOT NULL,
    seed        BIGINT,
    status      TEXT NOT NULL DEFAULT 'running',  -- running|finished|stopped|inactive|error|shutdown|abandoned
    started_at  DOUBLE PRECISION NOT NULL,
    ended_at    DOUBLE PRECISION
);
CREATE INDEX games_running ON games(status) WHERE status = 'running';
-- One row per round: its primary key is the claim that makes a round's awards count once,
-- whichever process records it first.
CREATE TABLE rounds (
    game_id      BIGINT NOT NULL REFERENCES games(id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    question_key TEXT NOT NULL,
    outcome      TEXT NOT NULL,  -- answered|timeout|skipped|stopped
    winner_id    BIGINT,
    hints        INTEGER NOT NULL,
    attempts     INTEGER NOT NULL,
    duration     DOUBLE PRECISION NOT NULL,
    ended_at     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (game_id, number)
);
CREATE TABLE answers (  -- one per player per round: the button picked, or the winning answer
    game_id      BIGINT NOT NULL,
    round_number INTEGER NOT NULL,
    user_id      BIGINT NOT NULL,
    option       INTEGER,
    correct      INTEGER NOT NULL,
    PRIMARY KEY (game_id, round_number, user_id),
    FOREIGN KEY (game_id, round_number) REFERENCES rounds(game_id, number) ON DELETE CASCADE
);
CREATE INDEX answers_user ON answers(user_id);
CREATE TABLE scores (  -- the points ledger, one row per award
    id           ID_PRIMARY_KEY,
    guild_id     BIGINT,
    user_id      BIGINT NOT NULL,
    game_id      BIGINT NOT NULL,
    round_number INTEGER NOT NULL,
    points       INTEGER NOT NULL,
    awarded_at   DOUBLE PRECISION NOT NULL,
    UNIQUE (game_id, round_number, user_id)
);
CREATE INDEX scores_guild_time ON scores(guild_id, awarded_at);
CREATE INDEX scores_time ON scores(awarded_at);
CREATE INDEX scores_user ON scores(user_id);
CREATE TABLE players (
    user_id    BIGINT PRIMARY KEY,
    name       TEXT NOT NULL,
    updated_at DOUBLE PRECISION NOT NULL
);
CREATE TABLE guild_settings (
    guild_id          BIGINT PRIMARY KEY,
    time_per_question INTEGER,
    rounds            INTEGER,
    hints             INTEGER,
    mode              TEXT,
    updated_at        DOUBLE PRECISION NOT NULL
);
CREATE TABLE recent_questions (
    channel_id   BIGINT NOT NULL,
    question_key TEXT NOT NULL,
    asked_at     DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (channel_id, question_key)
);
