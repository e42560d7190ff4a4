-- hand-written (keep when regenerating)
-- A conversation's first message built its search document (conversation_search_fill, which reads the
-- conversation's messages and works out their words) after the trigger had already worked out the same
-- message's words for an UPDATE that found no document to add them to: the words of every new
-- conversation's first message were worked out twice (pg_stat_user_functions during `npm run bench --
-- email`: 2,481 fills at 0.3 ms, and 0.125 ms of the trigger's own time per message). Now the trigger
-- looks for the document first and works out the message's words only to add them to one. Same results.
CREATE OR REPLACE FUNCTION conversation_search_add_message() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v tsvector;
  shown boolean := NEW.visible_to_client;
BEGIN
  IF NOT EXISTS (
    SELECT 1 FROM conversation_search WHERE client_id = NEW.client_id AND conversation_id = NEW.conversation_id
  ) THEN
    -- A whole document, from all of the conversation's messages (this one included).
    PERFORM conversation_search_fill(ARRAY[NEW.conversation_id]);
    RETURN NULL;
  END IF;
  v := search_vector(NEW.language, NEW.body_text);
  UPDATE conversation_search d
  SET search_all = d.search_all || v,
    search_public = CASE WHEN shown THEN d.search_public || v ELSE d.search_public END,
    last_message_at = c.last_message_at, activity_day = search_day(c.last_message_at)
  FROM conversations c
  WHERE c.client_id = NEW.client_id AND c.id = NEW.conversation_id
    AND d.client_id = NEW.client_id AND d.conversation_id = NEW.conversation_id
    AND (d.last_message_at <> c.last_message_at OR d.search_all || v <> d.search_all
      OR (shown AND d.search_public || v <> d.search_public));
  RETURN NULL;
END;
$$;
