-- hand-written (keep when regenerating)
-- The search helpers, written so that PostgreSQL inlines them into the statements, triggers and index
-- expressions that use them, with the same results. It did not: search_day was declared immutable but
-- used extract() on a timestamptz, which is only stable (so the planner refused to inline it); a strict
-- function is inlined only if its body is strict too, and search_keys (an ARRAY[...]) and
-- search_normalise (a CASE) are not. Each was then a separate SQL function call, ~15-45 µs apiece, several
-- per stored message (pg_stat_user_functions during `npm run bench -- email`: 0.3 ms of PostgreSQL time per
-- message). Inlined, they cost what their expressions cost. Existing index entries stay valid: every
-- result is the same (the epoch of a UTC wall-clock time is the instant's epoch; NULL in, NULL or
-- NULL keys out, as before, for columns that are never NULL).
CREATE OR REPLACE FUNCTION search_day(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT floor(extract(epoch FROM (at AT TIME ZONE 'UTC')) / 86400)::integer
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_keys(client uuid, day integer) RETURNS bytea[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[uuid_send(client), uuid_send(client) || int4send(day)]
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION search_normalise(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN body !~ U&'[\064A\0649\0626\0643\0629\06C0\0623\0625\0671\0622\0624\06F0-\06F9\0660-\0669\200C-\200F\FEFF\0640\0670\064B-\065F]'
    THEN body ELSE translate(body,
    U&'\064A\0649\0626\0643\0629\06C0\0623\0625\0671\0622\0624\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669\200C\200F\200E\200D\FEFF\0640\0670\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F',
    U&'\06CC\06CC\06CC\06A9\0647\0647\0627\0627\0627\0627\064801234567890123456789   ') END
$$;
--> statement-breakpoint
-- A conversation's document is built by one INSERT (or UPDATE) over conversation_search_build(ids), which
-- PL/pgSQL plans once per session and then reuses — or not: with an array parameter the generic plan looks
-- costlier than a custom one, so every call planned the statement again, ~0.6 ms each, paid once per new
-- conversation (its first message builds its document). The generic plan is the right one whatever the
-- array holds (index lookups per id), so it is used from the first call: a new conversation's document
-- costs ~0.25 ms instead of ~0.85 ms (500 new conversations with a message, one transaction).
ALTER FUNCTION conversation_search_fill(uuid[]) SET plan_cache_mode = force_generic_plan;
--> statement-breakpoint
ALTER FUNCTION conversation_search_rebuild(uuid, uuid) SET plan_cache_mode = force_generic_plan;
