-- Write cost of the search documents on the desk data set, each part rolled back:
--   a) 500 messages (real generated bodies) into random existing conversations, ingestion's order (UPDATE conversations SET
--      last_message_at, then INSERT the message), with the search triggers;
--   b) the same in the desk reply's order (INSERT the message, then UPDATE conversations);
--   c) the same as a) with the search triggers disabled;
--   d) 10,000 status activities in ONE statement (routing's timeline entries), with the triggers and without.
-- Deferred triggers (the document's time, new conversations) run inside the timing: SET CONSTRAINTS ALL
-- IMMEDIATE fires them as a commit would.
-- psql postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench -f bench/desk/search-write-cost.sql
\timing off
\set QUIET on
CREATE TEMP TABLE picks AS
  SELECT row_number() OVER () AS n, id, client_id FROM (SELECT id, client_id FROM conversations TABLESAMPLE SYSTEM (0.1) REPEATABLE (7) LIMIT 500) c;
CREATE TEMP TABLE bodies AS
  SELECT row_number() OVER () AS n, body_text, language FROM (SELECT body_text, language FROM messages TABLESAMPLE SYSTEM (0.03) REPEATABLE (7) WHERE kind = 'incoming' LIMIT 500) m;
CREATE TEMP TABLE many AS
  SELECT id, client_id FROM conversations TABLESAMPLE SYSTEM (2) REPEATABLE (11) LIMIT 10000;
CREATE FUNCTION pg_temp.messages(conversation_first boolean, label text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record; t0 timestamptz := clock_timestamp(); rewrites bigint; done integer := 0;
BEGIN
  SELECT n_tup_upd + n_tup_ins INTO rewrites FROM pg_stat_get_xact_tuples_updated('conversation_search'::regclass) n_tup_upd,
    pg_stat_get_xact_tuples_inserted('conversation_search'::regclass) n_tup_ins;
  FOR r IN SELECT p.id, p.client_id, b.body_text, b.language FROM picks p JOIN bodies b USING (n) LOOP
    IF conversation_first THEN
      UPDATE conversations SET last_message_at = clock_timestamp() WHERE id = r.id;
    END IF;
    INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language, created_at)
      VALUES (r.client_id, r.id, 'incoming', 'contact', 'bench', r.body_text, r.language, clock_timestamp());
    IF NOT conversation_first THEN
      UPDATE conversations SET last_message_at = clock_timestamp() WHERE id = r.id;
    END IF;
    done := done + 1;
  END LOOP;
  SET CONSTRAINTS ALL IMMEDIATE;
  RAISE NOTICE '%: % messages, % ms per message, % document rows written per message', label, done,
    round(extract(epoch FROM clock_timestamp() - t0) * 1000 / done, 3),
    round(((pg_stat_get_xact_tuples_updated('conversation_search'::regclass)
      + pg_stat_get_xact_tuples_inserted('conversation_search'::regclass)) - rewrites) / done::numeric, 2);
END $$;
CREATE FUNCTION pg_temp.activities(label text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz := clock_timestamp();
BEGIN
  INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language, activity)
    SELECT client_id, id, 'activity', 'system', 'Switchboard', 'Assigned to Bench Agent', 'en', '{"assigned": true}'
    FROM many;
  SET CONSTRAINTS ALL IMMEDIATE;
  RAISE NOTICE '%: % ms for 10,000 activities in one statement', label,
    round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1);
END $$;
BEGIN; SELECT pg_temp.messages(true, 'a) ingestion order (conversation, then message), search triggers'); ROLLBACK;
BEGIN; SELECT pg_temp.messages(false, 'b) desk order (message, then conversation), search triggers'); ROLLBACK;
BEGIN;
ALTER TABLE messages DISABLE TRIGGER messages_search_add;
ALTER TABLE conversations DISABLE TRIGGER conversations_search_time;
SELECT pg_temp.messages(true, 'c) ingestion order, search triggers disabled');
ROLLBACK;
BEGIN;
ALTER TABLE messages DISABLE TRIGGER messages_search_add;
SELECT pg_temp.activities('d) search triggers disabled');
ROLLBACK;
BEGIN; SELECT pg_temp.activities('d) search triggers'); ROLLBACK;
