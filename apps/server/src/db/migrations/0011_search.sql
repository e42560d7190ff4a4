CREATE TABLE "conversation_search" (
	"client_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"last_message_at" timestamp with time zone NOT NULL,
	"activity_day" integer NOT NULL,
	"search_all" "tsvector" NOT NULL,
	"search_public" "tsvector" NOT NULL,
	CONSTRAINT "conversation_search_client_id_conversation_id_pk" PRIMARY KEY("client_id","conversation_id")
);
--> statement-breakpoint
DROP INDEX "conversations_subject_trgm_idx";--> statement-breakpoint
DROP INDEX "messages_search_idx";--> statement-breakpoint
ALTER TABLE "conversation_search" ADD CONSTRAINT "conversation_search_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_search" ADD CONSTRAINT "conversation_search_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" DROP COLUMN "search";--> statement-breakpoint
-- hand-written (keep when regenerating)
-- Persian text arrives with Arabic letter forms, Persian/Arabic-Indic digits, diacritics, tatweel and
-- zero-width characters; fold them as the knowledge base's normaliseText does (kb/normalise-text.ts), so
-- the stored words and a query's words agree. translate() drops the characters that have no counterpart;
-- it costs more than the stemming, so text without any of those characters skips it.
CREATE FUNCTION search_normalise(body text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN body !~ U&'[\064A\0649\0626\0643\0629\06C0\0623\0625\0671\0622\0624\06F0-\06F9\0660-\0669\200C-\200F\FEFF\0640\0670\064B-\065F]'
    THEN body ELSE translate(body,
    U&'\064A\0649\0626\0643\0629\06C0\0623\0625\0671\0622\0624\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669\200C\200F\200E\200D\FEFF\0640\0670\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F',
    U&'\06CC\06CC\06CC\06A9\0647\0647\0627\0627\0627\0627\064801234567890123456789   ') END
$$;
--> statement-breakpoint
-- One text's searchable words: English stemming, or `simple` for Persian (PostgreSQL has no Persian
-- configuration); stripped of positions, so a document is a set of words and adding to it is cheap.
CREATE FUNCTION search_vector(language text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT strip(to_tsvector(CASE WHEN language = 'fa' THEN 'simple'::regconfig ELSE 'english'::regconfig END,
    search_normalise(coalesce(body, ''))))
$$;
--> statement-breakpoint
-- A typed search (web search syntax: words, "phrases", or, -word) as a query on documents, English stems OR
-- Persian/plain words. Documents are sets of words without positions, on which a phrase (a "quoted phrase",
-- or the parts of a hyphenated word) never matches: its words are asked for together instead (<-> becomes &,
-- which binds tighter than | as <-> does, so the query's grouping is kept).
CREATE FUNCTION search_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT regexp_replace((websearch_to_tsquery('english', search_normalise(q))
    || websearch_to_tsquery('simple', search_normalise(q)))::text, '<(-|[0-9]+)>', '&', 'g')::tsquery
$$;
--> statement-breakpoint
-- The UTC day of an instant: documents carry the day of their conversation's last activity.
CREATE FUNCTION search_day(at timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT floor(extract(epoch FROM at) / 86400)::integer
$$;
--> statement-breakpoint
-- The GIN keys of a document (or a conversation's subject): its client, and its client and day together.
-- A search by recency asks for one client's days (search_window_keys), so the index reads only that
-- client's entries of those days; a search without a window asks for the client's key. Keys are bytes
-- (16 of the uuid, then the day), so no collation or text form is involved.
CREATE FUNCTION search_keys(client uuid, day integer) RETURNS bytea[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY[uuid_send(client), uuid_send(client) || int4send(day)]
$$;
--> statement-breakpoint
CREATE FUNCTION search_window_keys(client uuid, from_day integer, to_day integer) RETURNS bytea[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT ARRAY(SELECT uuid_send(client) || int4send(day) FROM generate_series(to_day, from_day, -1) day)
$$;
--> statement-breakpoint
-- Documents keep their words out of line (TOAST), so a row is ~100 bytes: a search visits the rows of
-- its matches cheaply, and a new last_message_at fits on the same page (a HOT update, no index work).
ALTER TABLE conversation_search SET (toast_tuple_target = 128, fillfactor = 80);
--> statement-breakpoint
-- One client's documents of some days that hold the words, straight from the index.
CREATE INDEX conversation_search_idx ON conversation_search USING gin (search_keys(client_id, activity_day), search_all);
--> statement-breakpoint
-- Part of the subject (ILIKE '%q%'), with the same keys (client and day of last activity), so a search's
-- newest-days try reads only those days' trigram matches of that client. A new last_message_at already
-- updates every index of conversations (conversations_recent_idx holds it), so the day costs nothing more.
CREATE INDEX conversations_subject_keys_trgm_idx ON conversations
  USING gin (search_keys(client_id, search_day(last_message_at)), subject gin_trgm_ops);
--> statement-breakpoint
CREATE AGGREGATE search_union(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');
--> statement-breakpoint
-- The documents of some conversations, built from scratch: the subject and every message but status
-- activities; the public one only what the client may see.
CREATE FUNCTION conversation_search_build(ids uuid[])
  RETURNS TABLE (client_id uuid, conversation_id uuid, last_message_at timestamptz, activity_day integer,
    search_all tsvector, search_public tsvector)
  LANGUAGE sql STABLE AS $$
  SELECT c.client_id, c.id, c.last_message_at, search_day(c.last_message_at), s.v || coalesce(m.all_v, ''),
    s.v || coalesce(m.public_v, '')
  FROM conversations c
  CROSS JOIN LATERAL (
    SELECT search_vector(CASE WHEN c.subject ~ U&'[\0600-\06FF]' THEN 'fa' ELSE 'en' END, c.subject) AS v
  ) s
  CROSS JOIN LATERAL (
    SELECT search_union(x.v) AS all_v, search_union(x.v) FILTER (WHERE x.public) AS public_v
    FROM (
      SELECT search_vector(msg.language, msg.body_text) AS v, msg.visible_to_client AS public
      FROM messages msg
      WHERE msg.client_id = c.client_id AND msg.conversation_id = c.id AND msg.kind <> 'activity'
    ) x
  ) m
  WHERE c.id = ANY(ids)
$$;
--> statement-breakpoint
-- Builds the documents of conversations that have none yet (existing data after this migration; the
-- worker's backfill calls it in batches). A row that appeared meanwhile was built complete by a trigger.
CREATE FUNCTION conversation_search_fill(ids uuid[]) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  added integer;
BEGIN
  INSERT INTO conversation_search (client_id, conversation_id, last_message_at, activity_day, search_all, search_public)
  SELECT b.client_id, b.conversation_id, b.last_message_at, b.activity_day, b.search_all, b.search_public
  FROM conversation_search_build(ids) b
  ON CONFLICT (client_id, conversation_id) DO NOTHING;
  GET DIAGNOSTICS added = ROW_COUNT;
  RETURN added;
END;
$$;
--> statement-breakpoint
-- Rebuilds one conversation's document (a message edited or deleted, a note shared, a new subject). The
-- row is locked first, so the build's snapshot (a new statement) sees every message committed before.
CREATE FUNCTION conversation_search_rebuild(client uuid, conversation uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM conversation_search WHERE client_id = client AND conversation_id = conversation FOR UPDATE;
  IF NOT FOUND THEN
    RETURN; -- not built yet: the backfill builds it whole
  END IF;
  UPDATE conversation_search s
  SET last_message_at = b.last_message_at, activity_day = b.activity_day, search_all = b.search_all,
    search_public = b.search_public
  FROM conversation_search_build(ARRAY[conversation]) b
  WHERE s.client_id = client AND s.conversation_id = conversation;
END;
$$;
--> statement-breakpoint
-- A new message adds its words, and brings the document's time up to its conversation's, in ONE update:
-- ingestion moves the conversation before it stores the message, so a message to an old conversation
-- rewrites the document once (words and day together), not twice. The row (and so every word of the
-- document in the GIN index) is rewritten only when something changed: replies made of words the
-- conversation already used cost a comparison. A conversation without a document (new in this
-- transaction, or not yet backfilled) gets a whole one. Status activities add no words and skip the
-- function altogether (the trigger's WHEN), so a statement inserting thousands of them costs nothing here.
CREATE FUNCTION conversation_search_add_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v tsvector := search_vector(NEW.language, NEW.body_text);
  shown boolean := NEW.visible_to_client;
BEGIN
  UPDATE conversation_search d
  SET search_all = d.search_all || v,
    search_public = CASE WHEN shown THEN d.search_public || v ELSE d.search_public END,
    last_message_at = c.last_message_at, activity_day = search_day(c.last_message_at)
  FROM conversations c
  WHERE c.client_id = NEW.client_id AND c.id = NEW.conversation_id
    AND d.client_id = NEW.client_id AND d.conversation_id = NEW.conversation_id
    AND (d.last_message_at <> c.last_message_at OR d.search_all || v <> d.search_all
      OR (shown AND d.search_public || v <> d.search_public));
  IF NOT FOUND AND NOT EXISTS (
    SELECT 1 FROM conversation_search WHERE client_id = NEW.client_id AND conversation_id = NEW.conversation_id
  ) THEN
    PERFORM conversation_search_fill(ARRAY[NEW.conversation_id]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_search_add AFTER INSERT ON messages
  FOR EACH ROW WHEN (NEW.kind <> 'activity') EXECUTE FUNCTION conversation_search_add_message();
--> statement-breakpoint
CREATE FUNCTION conversation_search_message_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversation_search_rebuild(OLD.client_id, OLD.conversation_id);
  IF TG_OP = 'UPDATE' AND NEW.conversation_id IS DISTINCT FROM OLD.conversation_id THEN
    PERFORM conversation_search_rebuild(NEW.client_id, NEW.conversation_id);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER messages_search_change AFTER UPDATE OF body_text, kind, visible_to_client, language, conversation_id
  ON messages FOR EACH ROW
  WHEN (OLD.body_text IS DISTINCT FROM NEW.body_text OR OLD.kind IS DISTINCT FROM NEW.kind
    OR OLD.visible_to_client IS DISTINCT FROM NEW.visible_to_client OR OLD.language IS DISTINCT FROM NEW.language
    OR OLD.conversation_id IS DISTINCT FROM NEW.conversation_id)
  EXECUTE FUNCTION conversation_search_message_changed();
--> statement-breakpoint
CREATE TRIGGER messages_search_delete AFTER DELETE ON messages
  FOR EACH ROW WHEN (OLD.kind <> 'activity') EXECUTE FUNCTION conversation_search_message_changed();
--> statement-breakpoint
-- A new conversation's document is built when the transaction commits (deferred), unless its first
-- message built it already: a conversation opened with a message is written once, words and all.
CREATE FUNCTION conversation_search_conversation_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM conversation_search WHERE client_id = NEW.client_id AND conversation_id = NEW.id) THEN
    PERFORM conversation_search_fill(ARRAY[NEW.id]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER conversations_search_insert AFTER INSERT ON conversations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION conversation_search_conversation_added();
--> statement-breakpoint
-- A new subject rebuilds the document.
CREATE FUNCTION conversation_search_subject_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM conversation_search_rebuild(NEW.client_id, NEW.id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER conversations_search_subject AFTER UPDATE OF subject ON conversations
  FOR EACH ROW WHEN (OLD.subject IS DISTINCT FROM NEW.subject) EXECUTE FUNCTION conversation_search_subject_changed();
--> statement-breakpoint
-- New activity moves the document's time when the transaction commits (deferred), to the conversation's
-- time then, unless a message of the same transaction already did (ingestion: the usual case). A reply
-- stored before its conversation is moved (the desk's) costs a second update, a HOT one on the same day.
CREATE FUNCTION conversation_search_time_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE conversation_search d
  SET last_message_at = c.last_message_at, activity_day = search_day(c.last_message_at)
  FROM conversations c
  WHERE c.client_id = NEW.client_id AND c.id = NEW.id AND d.client_id = NEW.client_id
    AND d.conversation_id = NEW.id AND d.last_message_at <> c.last_message_at;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER conversations_search_time AFTER UPDATE OF last_message_at ON conversations
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.last_message_at IS DISTINCT FROM NEW.last_message_at)
  EXECUTE FUNCTION conversation_search_time_changed();
--> statement-breakpoint
-- Existing conversations: a small database gets its documents here; a large one from the worker's
-- background backfill (buildSearchDocuments, in batches), so this migration never holds a long lock.
DO $$
BEGIN
  IF (SELECT count(*) FROM conversations) <= 20000 THEN
    PERFORM conversation_search_fill(ARRAY(SELECT id FROM conversations));
  END IF;
END;
$$;
