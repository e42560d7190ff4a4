-- Write cost of the search documents on the desk data set: 500 messages into random existing
-- conversations (INSERT + last_message_at UPDATE each), with the search triggers and without; rolled back.
-- psql postgres://postgres:postgres@127.0.0.1:5432/switchboard_bench -f bench/desk/search-write-cost.sql
\timing on
BEGIN;
CREATE TEMP TABLE picks AS
  SELECT row_number() OVER () AS n, id, client_id FROM (SELECT id, client_id FROM conversations TABLESAMPLE SYSTEM (0.1) REPEATABLE (7) LIMIT 500) c;
CREATE TEMP TABLE bodies AS
  SELECT row_number() OVER () AS n, body_text, language FROM (SELECT body_text, language FROM messages TABLESAMPLE SYSTEM (0.01) REPEATABLE (7) WHERE kind = 'incoming' LIMIT 500) m;
-- a: 500 messages with the search triggers (one statement per message, as the product inserts them)
DO $$ DECLARE r record; t0 timestamptz := clock_timestamp(); BEGIN
  FOR r IN SELECT p.id, p.client_id, b.body_text, b.language FROM picks p JOIN bodies b USING (n) LOOP
    INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language)
      VALUES (r.client_id, r.id, 'incoming', 'contact', 'bench', r.body_text, r.language);
    UPDATE conversations SET last_message_at = clock_timestamp() WHERE id = r.id;
  END LOOP;
  RAISE NOTICE 'with search triggers: % ms per message', round(extract(epoch FROM clock_timestamp() - t0) * 1000 / 500, 3);
END $$;
ROLLBACK;
BEGIN;
ALTER TABLE messages DISABLE TRIGGER messages_search_add;
ALTER TABLE conversations DISABLE TRIGGER conversations_search_update;
CREATE TEMP TABLE picks AS
  SELECT row_number() OVER () AS n, id, client_id FROM (SELECT id, client_id FROM conversations TABLESAMPLE SYSTEM (0.1) REPEATABLE (7) LIMIT 500) c;
CREATE TEMP TABLE bodies AS
  SELECT row_number() OVER () AS n, body_text, language FROM (SELECT body_text, language FROM messages TABLESAMPLE SYSTEM (0.01) REPEATABLE (7) WHERE kind = 'incoming' LIMIT 500) m;
DO $$ DECLARE r record; t0 timestamptz := clock_timestamp(); BEGIN
  FOR r IN SELECT p.id, p.client_id, b.body_text, b.language FROM picks p JOIN bodies b USING (n) LOOP
    INSERT INTO messages (client_id, conversation_id, kind, author_type, author_name, body_text, language)
      VALUES (r.client_id, r.id, 'incoming', 'contact', 'bench', r.body_text, r.language);
    UPDATE conversations SET last_message_at = clock_timestamp() WHERE id = r.id;
  END LOOP;
  RAISE NOTICE 'without search triggers: % ms per message', round(extract(epoch FROM clock_timestamp() - t0) * 1000 / 500, 3);
END $$;
ROLLBACK;
