-- Failed case lookups per client (LicenseService.GetCase), shared by every
-- pwis-server on this database: a limit per process would give a client
-- behind a load balancer N times the tries. One row per client key (an
-- address, an IPv6 /64) with the times of its recent failures; an attempt
-- is reserved in the row under its lock before the lookup, so concurrent
-- guesses cannot pass the limit together, and given back when it finds
-- the case. UNLOGGED: after a crash the counts start over, which costs
-- nothing but a few more tries. Not announced on pwis_change: no answer
-- depends on it, and wrong guesses must not flush the read caches.
CREATE UNLOGGED TABLE case_lookup_failures (
  client     text PRIMARY KEY CHECK (length(client) <= 200),
  times      timestamptz[] NOT NULL,
  last_at    timestamptz NOT NULL,
  -- The attempt that last got through (a caller's random token).
  last_token bigint NOT NULL
);
CREATE INDEX case_lookup_failures_last_at ON case_lookup_failures (last_at);

-- The times of `times` within the last `window_s` seconds, oldest first.
CREATE FUNCTION pwis_recent_times(times timestamptz[], window_s float8)
  RETURNS timestamptz[] LANGUAGE sql STABLE AS $$
  SELECT coalesce(array_agg(t ORDER BY t), '{}')
  FROM unnest(times) t
  WHERE t > now() - make_interval(secs => window_s)
$$;
