-- Leaderboard totals kept as rounds are recorded (in the round's transaction), so a page
-- reads a few index rows instead of summing the ledger. scope: a guild id, or 0 for every
-- server; period: 'all', or a UTC month such as '2026-11'.
CREATE TABLE totals (
    scope   BIGINT NOT NULL,
    period  TEXT NOT NULL,
    user_id BIGINT NOT NULL,
    points  BIGINT NOT NULL,
    correct BIGINT NOT NULL,
    PRIMARY KEY (scope, period, user_id)
);
CREATE INDEX totals_rank ON totals(scope, period, points DESC, correct DESC, user_id);
-- How many players each (scope, period) has, so "of 12,345 players" needs no count.
CREATE TABLE scope_players (
    scope   BIGINT NOT NULL,
    period  TEXT NOT NULL,
    players BIGINT NOT NULL,
    PRIMARY KEY (scope, period)
);
-- Backfill from the ledger recorded before this version.
INSERT INTO totals (scope, period, user_id, points, correct)
SELECT scope, period, user_id, SUM(points), COUNT(*) FROM (
    SELECT guild_id AS scope, 'all' AS period, user_id, points FROM scores WHERE guild_id IS NOT NULL AND guild_id <> 0
    UNION ALL
    SELECT guild_id, MONTH_OF(awarded_at), user_id, points FROM scores WHERE guild_id IS NOT NULL AND guild_id <> 0
    UNION ALL
    SELECT 0, 'all', user_id, points FROM scores
    UNION ALL
    SELECT 0, MONTH_OF(awarded_at), user_id, points FROM scores
) AS ledger
GROUP BY scope, period, user_id;
INSERT INTO scope_players (scope, period, players)
SELECT scope, period, COUNT(*) FROM totals GROUP BY scope, period;
