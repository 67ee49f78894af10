-- How many players of a (scope, period) have exactly this many points: a rank is 1 plus the
-- players in the buckets above, a sum over the distinct point values above (bounded by the
-- range of scores), not a count of every player ahead. Kept in the round's transaction.
CREATE TABLE rank_buckets (
    scope   BIGINT NOT NULL,
    period  TEXT NOT NULL,
    points  BIGINT NOT NULL,
    players BIGINT NOT NULL,
    PRIMARY KEY (scope, period, points)
);
INSERT INTO rank_buckets (scope, period, points, players)
SELECT scope, period, points, COUNT(*) FROM totals GROUP BY scope, period, points;
