-- The system of record: cases, work orders and the append-only event log.
-- Applied once by liandong-archiver at start (schema_migrations keeps what ran).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Every entry of ld:events exactly once: the stream entry id (ms-seq) is the key, so a batch
-- written again after a crash inserts nothing. Never updated or deleted.
CREATE TABLE events (
  stream_ms   bigint      NOT NULL,
  stream_seq  bigint      NOT NULL,
  case_id     text        NOT NULL,
  type        text        NOT NULL,
  at          timestamptz NOT NULL,
  actor       text        NOT NULL DEFAULT '',
  order_id    text        NOT NULL DEFAULT '',
  detail      text        NOT NULL DEFAULT '',
  fields      jsonb       NOT NULL,  -- every field as written to the stream
  archived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (stream_ms, stream_seq)
);
-- A case's history in stream order; KPI windows by time.
CREATE INDEX events_case ON events (case_id, stream_ms, stream_seq);
CREATE INDEX events_at ON events (at);
CREATE INDEX events_order ON events (order_id) WHERE order_id <> '';

-- Latest archived state of each case. Only a newer version replaces a row (events of one case
-- may be archived by two replicas out of order; the version decides).
CREATE TABLE cases (
  case_id       text        PRIMARY KEY,
  version       bigint      NOT NULL,
  side          text        NOT NULL,
  channel       text        NOT NULL,
  status        text        NOT NULL,
  disposition   text        NOT NULL,
  category      text        NOT NULL,
  item          text        NOT NULL,
  district      text        NOT NULL,
  owner_side    text        NOT NULL,
  needs_review  boolean     NOT NULL,
  supervised    boolean     NOT NULL DEFAULT false,  -- a deadline was missed or escalated
  received_at   timestamptz NOT NULL,
  closed_at     timestamptz,
  close_reason  text        NOT NULL DEFAULT '',
  phone_hash    bytea,                 -- HMAC-SHA256(key, digits of the phone); never the phone
  address       text        NOT NULL DEFAULT '',
  text          text        NOT NULL DEFAULT '',
  snapshot      bytea       NOT NULL,  -- serialized liandong.v1.Case at `version`
  archived_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cases_received ON cases (received_at DESC, case_id DESC);
CREATE INDEX cases_status ON cases (status, received_at DESC);
CREATE INDEX cases_district ON cases (district, received_at DESC);
CREATE INDEX cases_item ON cases (item, received_at DESC);
CREATE INDEX cases_phone ON cases (phone_hash, received_at DESC) WHERE phone_hash IS NOT NULL;
CREATE INDEX cases_review ON cases (received_at DESC) WHERE needs_review;
CREATE INDEX cases_address_trgm ON cases USING gin (address gin_trgm_ops);
CREATE INDEX cases_text_trgm ON cases USING gin (text gin_trgm_ops);

-- Orders as of their case's latest archived version.
CREATE TABLE work_orders (
  order_id     text        PRIMARY KEY,
  case_id      text        NOT NULL REFERENCES cases (case_id),
  kind         text        NOT NULL,
  destination  text        NOT NULL,
  agency       text        NOT NULL,
  from_side    text        NOT NULL,
  to_side      text        NOT NULL,
  category     text        NOT NULL,
  item         text        NOT NULL,
  status       text        NOT NULL,
  sla_tier     text        NOT NULL,
  created_at   timestamptz NOT NULL,
  sign_due     timestamptz,
  resolve_due  timestamptz,
  signed_at    timestamptz,
  resolved_at  timestamptz
);
CREATE INDEX work_orders_case ON work_orders (case_id);
CREATE INDEX work_orders_destination ON work_orders (destination, status);
CREATE INDEX work_orders_agency ON work_orders (agency, status);
-- Open deadlines: the overdue filter reads only orders not yet signed / resolved.
CREATE INDEX work_orders_sign_due ON work_orders (sign_due) WHERE status = 'dispatched';
CREATE INDEX work_orders_resolve_due ON work_orders (resolve_due)
  WHERE status IN ('signed', 'in_progress');

-- How far the archive got, for operators (the consumer group is the real cursor).
CREATE TABLE archive_progress (
  stream       text        PRIMARY KEY,
  last_id      text        NOT NULL,
  events       bigint      NOT NULL,
  updated_at   timestamptz NOT NULL
);
