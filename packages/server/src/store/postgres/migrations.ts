/**
 * PostgreSQL schema, as numbered forward-only migrations: migration N is `MIGRATIONS[N - 1]`.
 * Never edit a released entry; append a new one. Applied at open by `migrate.runner.ts`.
 *
 * Times are bigint epoch ms. Plates use COLLATE "C" so btree prefix LIKE works and comparisons
 * are byte-wise. Reads are partitioned by day on observed_at; day partitions are created on
 * demand by the read repository, and the default partition catches anything outside them.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: initial schema
  `
  -- OCR-confusable characters folded to one representative, as ocrKey() in @openrtcc/domain
  -- (0ODQ→0, 1IL→1, 2Z→2, 5S→5, 6G→6, 8B→8).
  CREATE FUNCTION ocr_key(p text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(p, 'ODQILZSGB', '000112568');

  CREATE SEQUENCE read_id_seq;

  -- Idempotency across nodes: one row per source event, outside the partitioned table so the
  -- key is unique store-wide whatever day the read falls on.
  CREATE TABLE read_keys (
    source_system text NOT NULL,
    source_event_id text NOT NULL,
    read_id bigint NOT NULL,
    PRIMARY KEY (source_system, source_event_id)
  );

  CREATE TABLE reads (
    id bigint NOT NULL,
    source_system text NOT NULL,
    source_event_id text NOT NULL,
    plate text COLLATE "C" NOT NULL,
    plate_raw text NOT NULL,
    state text,
    confidence real NOT NULL,
    observed_at bigint NOT NULL,
    received_at bigint NOT NULL,
    camera_id text,
    lon double precision,
    lat double precision,
    location_source text,
    extra jsonb,
    PRIMARY KEY (id, observed_at)
  ) PARTITION BY RANGE (observed_at);
  CREATE TABLE reads_default PARTITION OF reads DEFAULT;
  CREATE INDEX reads_plate_time ON reads (plate, observed_at);
  CREATE INDEX reads_camera_time ON reads (camera_id, observed_at);
  CREATE INDEX reads_plate_trgm ON reads USING gin (plate gin_trgm_ops);

  CREATE TABLE hotlists (
    id text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    priority integer NOT NULL,
    match_kinds text[] NOT NULL,
    description text,
    created_at bigint NOT NULL,
    version integer NOT NULL DEFAULT 0,
    last_import_at bigint,
    entry_count integer NOT NULL DEFAULT 0
  );

  CREATE TABLE hotlist_entries (
    id text COLLATE "C" PRIMARY KEY,
    hotlist_id text NOT NULL REFERENCES hotlists (id) ON DELETE CASCADE,
    plate text COLLATE "C" NOT NULL,
    plate_raw text NOT NULL,
    state text,
    reason text NOT NULL,
    file_code text,
    record_id text,
    ori text,
    entered_at bigint,
    expires_at bigint,
    vehicle jsonb,
    import_version integer NOT NULL,
    created_at bigint NOT NULL,
    created_by text NOT NULL
  );
  CREATE INDEX hotlist_entries_list ON hotlist_entries (hotlist_id, plate, id);

  CREATE TABLE hotlist_imports (
    id text PRIMARY KEY,
    hotlist_id text NOT NULL,
    version integer NOT NULL,
    format text NOT NULL,
    mode text NOT NULL,
    imported_at bigint NOT NULL,
    imported_by text NOT NULL,
    accepted integer NOT NULL,
    rejected integer NOT NULL,
    expired_skipped integer NOT NULL,
    rejections jsonb NOT NULL
  );
  CREATE INDEX hotlist_imports_list ON hotlist_imports (hotlist_id, imported_at);

  -- Hits copy what they show (list name, entry plate, read plate) so they outlive list changes.
  CREATE TABLE hits (
    id text COLLATE "C" PRIMARY KEY,
    read_id text NOT NULL,
    hotlist_id text NOT NULL,
    hotlist_name text NOT NULL,
    priority integer NOT NULL,
    entry_id text NOT NULL,
    entry_plate text NOT NULL,
    entry_state text,
    entry_reason text NOT NULL,
    record_age_ms bigint NOT NULL,
    read_plate text NOT NULL,
    matched_candidate boolean NOT NULL,
    match_kind text NOT NULL,
    confidence double precision NOT NULL,
    state_matches boolean,
    observed_at bigint NOT NULL,
    camera_id text,
    lon double precision,
    lat double precision,
    status text NOT NULL,
    raised_at bigint NOT NULL,
    disposition text,
    verified_by text,
    verified_at bigint,
    verification_note text
  );
  CREATE INDEX hits_raised ON hits (raised_at, id);
  CREATE INDEX hits_hotlist_raised ON hits (hotlist_id, raised_at, id);
  CREATE INDEX hits_status_raised ON hits (status, raised_at, id);
  CREATE INDEX hits_read ON hits (read_id);

  CREATE TABLE cameras (
    id text PRIMARY KEY,
    name text NOT NULL,
    lon double precision,
    lat double precision,
    heading double precision,
    time_zone text NOT NULL,
    source_keys text[] NOT NULL,
    created_at bigint NOT NULL
  );

  CREATE TABLE sources (
    id text PRIMARY KEY,
    name text NOT NULL,
    kind text NOT NULL,
    key_hash text NOT NULL UNIQUE,
    key_prefix text NOT NULL,
    created_at bigint NOT NULL,
    created_by text NOT NULL,
    revoked_at bigint
  );

  -- bytea, not text: a quarantined body may hold a NUL, which text cannot store.
  CREATE TABLE quarantine (
    id text COLLATE "C" PRIMARY KEY,
    source_system text NOT NULL,
    source_id text,
    route text NOT NULL,
    content_type text,
    received_at bigint NOT NULL,
    reason text NOT NULL,
    body bytea NOT NULL,
    body_encoding text NOT NULL
  );
  CREATE INDEX quarantine_received ON quarantine (received_at, id);

  -- seq comes from the caller (last seq + 1); the primary key makes two nodes that raced for the
  -- same seq fail instead of forking the hash chain. json, not jsonb: it keeps key order, so a
  -- hash computed over the serialized record still verifies after a round trip.
  CREATE TABLE audit_log (
    seq bigint PRIMARY KEY,
    id text NOT NULL UNIQUE,
    at bigint NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    from_addr text,
    outcome text NOT NULL,
    justification json,
    query json,
    result_count integer,
    details json,
    prev_hash text NOT NULL,
    hash text NOT NULL
  );
  CREATE INDEX audit_log_action ON audit_log (action, seq);

  CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
  END
  $$;
  CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
  CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
  `,
  // 2: training runs (training servers only; the contract suite keeps both stores alike)
  `
  CREATE TABLE training_runs (
    id text COLLATE "C" PRIMARY KEY,
    scenario_id text NOT NULL,
    title text NOT NULL,
    trainee text,
    briefing text,
    started_at bigint NOT NULL,
    started_by text NOT NULL,
    finished_at bigint,
    finished_by text,
    expected jsonb NOT NULL,
    result jsonb
  );
  CREATE INDEX training_runs_started ON training_runs (started_at, id);
  `,
  // 3: dispatch incidents, units with their recent positions, gunshot alerts (cad and avl modules).
  // The documents are jsonb; the columns beside them are what lists, locks and uniqueness need.
  `
  CREATE TABLE incidents (
    id text COLLATE "C" PRIMARY KEY,
    source_system text NOT NULL,
    source_incident_id text NOT NULL,
    status text NOT NULL,
    opened_at bigint NOT NULL,
    body jsonb NOT NULL,
    UNIQUE (source_system, source_incident_id)
  );
  CREATE INDEX incidents_opened ON incidents (opened_at, id);
  CREATE INDEX incidents_status ON incidents (status, opened_at, id);

  CREATE TABLE units (
    id text COLLATE "C" PRIMARY KEY,
    body jsonb NOT NULL
  );
  CREATE TABLE unit_positions (
    unit_id text COLLATE "C" NOT NULL,
    source_system text NOT NULL,
    at bigint NOT NULL,
    body jsonb NOT NULL,
    PRIMARY KEY (unit_id, source_system, at)
  );
  CREATE INDEX unit_positions_time ON unit_positions (unit_id, at);

  CREATE TABLE gunshots (
    id text COLLATE "C" PRIMARY KEY,
    vendor text NOT NULL,
    source_event_id text NOT NULL,
    detected_at bigint NOT NULL,
    body jsonb NOT NULL,
    UNIQUE (vendor, source_event_id)
  );
  CREATE INDEX gunshots_detected ON gunshots (detected_at, id);
  `,
  // 4: user accounts and their sessions (people and access). The account is one jsonb document
  // beside the columns that must be unique; sessions are plain columns (touched once a minute).
  `
  CREATE TABLE users (
    id text COLLATE "C" PRIMARY KEY,
    username text NOT NULL UNIQUE,
    enrolment_hash text UNIQUE,
    created_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  CREATE TABLE sessions (
    id text COLLATE "C" PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    user_id text NOT NULL,
    created_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    from_addr text,
    revoked_at bigint,
    end_reason text
  );
  CREATE INDEX sessions_user ON sessions (user_id, created_at);
  `,
  // 5: the hotlist record's vehicle on a hit, and how the read's vehicle compares with it
  `
  ALTER TABLE hits ADD COLUMN entry_vehicle jsonb, ADD COLUMN vehicle_agreement jsonb;
  `,
  // sharing agreements with other agencies (sharing module); the outbound key hash is unique
  `
  CREATE TABLE sharing_agreements (
    id text COLLATE "C" PRIMARY KEY,
    key_hash text UNIQUE,
    created_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  `,
  // live-view cameras (video module): agency and community-registered, listed by area
  `
  CREATE TABLE video_cameras (
    id text COLLATE "C" PRIMARY KEY,
    owner_kind text NOT NULL,
    active boolean NOT NULL,
    lon double precision NOT NULL,
    lat double precision NOT NULL,
    body jsonb NOT NULL
  );
  CREATE INDEX video_cameras_by_position ON video_cameras (lon, lat);
  `,
  // the IANA zone a source's zone-less times are read in (Genetec AutoVu)
  `
  ALTER TABLE sources ADD COLUMN time_zone text;
  `,
  // retention: the policy (one row), legal holds, and the runs of the retention job
  `
  CREATE TABLE retention_policy (
    id int PRIMARY KEY CHECK (id = 1),
    body jsonb NOT NULL
  );
  CREATE TABLE legal_holds (
    id text COLLATE "C" PRIMARY KEY,
    placed_at bigint NOT NULL,
    released_at bigint,
    body jsonb NOT NULL
  );
  CREATE INDEX legal_holds_placed ON legal_holds (placed_at, id);
  CREATE TABLE retention_runs (
    id text COLLATE "C" PRIMARY KEY,
    started_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  CREATE INDEX retention_runs_started ON retention_runs (started_at, id);
  `,
  // read images (issue 5): bytes kept apart from the reads, shared by every node; keyed by the
  // content-addressed ref, deleted by observation time. Quarantine: the query string of the
  // request (OsmAnd) and the last replay's outcome.
  `
  CREATE TABLE read_images (
    ref text COLLATE "C" PRIMARY KEY,
    observed_at bigint NOT NULL,
    content_type text NOT NULL,
    bytes integer NOT NULL,
    data bytea NOT NULL
  );
  CREATE INDEX read_images_observed ON read_images (observed_at);
  -- JPEG and PNG are compressed already: store out of line without trying to compress again
  ALTER TABLE read_images ALTER COLUMN data SET STORAGE EXTERNAL;
  ALTER TABLE quarantine ADD COLUMN query text, ADD COLUMN replay jsonb;
  CREATE INDEX quarantine_pending ON quarantine (received_at, id) WHERE replay IS NULL OR replay->>'outcome' <> 'replayed';
  `,
  // audit: published daily roots (append-only, like the log itself), the supervisor review
  // queue's flags, and the index by time that daily roots and the flag job read through
  `
  CREATE INDEX audit_log_at ON audit_log (at);
  CREATE TABLE audit_roots (
    day text COLLATE "C" PRIMARY KEY,
    records integer NOT NULL,
    first_seq bigint NOT NULL,
    last_seq bigint NOT NULL,
    root text NOT NULL,
    published_at bigint NOT NULL
  );
  CREATE FUNCTION audit_roots_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_roots is append-only';
  END
  $$;
  CREATE TRIGGER audit_roots_no_change BEFORE UPDATE OR DELETE ON audit_roots
    FOR EACH ROW EXECUTE FUNCTION audit_roots_append_only();
  CREATE TRIGGER audit_roots_no_truncate BEFORE TRUNCATE ON audit_roots
    FOR EACH STATEMENT EXECUTE FUNCTION audit_roots_append_only();
  CREATE TABLE audit_flags (
    id text COLLATE "C" PRIMARY KEY,
    kind text NOT NULL,
    actor text NOT NULL,
    status text NOT NULL,
    last_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  CREATE INDEX audit_flags_status ON audit_flags (status, last_at, id);
  CREATE TABLE audit_flag_state (name text PRIMARY KEY, value bigint NOT NULL);
  CREATE INDEX incidents_source_number ON incidents (source_incident_id);
  `,
  // calls-for-service column mappings; outbound webhook targets and their delivery queue and log
  `
  CREATE TABLE cfs_mappings (
    id text COLLATE "C" PRIMARY KEY,
    name text NOT NULL,
    body jsonb NOT NULL
  );
  CREATE TABLE webhook_targets (
    id text COLLATE "C" PRIMARY KEY,
    created_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  CREATE TABLE webhook_deliveries (
    id text COLLATE "C" PRIMARY KEY,
    target_id text COLLATE "C" NOT NULL,
    event text NOT NULL,
    subject_id text NOT NULL,
    status text NOT NULL,
    next_attempt_at bigint,
    created_at bigint NOT NULL,
    body jsonb NOT NULL,
    UNIQUE (target_id, event, subject_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_target ON webhook_deliveries (target_id, created_at, id);
  `,
  // integration API keys: scoped, expiring, revocable (auth/integration-key.service.ts)
  `
  CREATE TABLE integration_keys (
    id text COLLATE "C" PRIMARY KEY,
    key_hash text NOT NULL UNIQUE,
    created_at bigint NOT NULL,
    body jsonb NOT NULL
  );
  `,
  // hotlist feeds: scheduled re-import of a list from a watched folder or a URL
  `
  CREATE TABLE hotlist_feeds (
    hotlist_id text COLLATE "C" PRIMARY KEY,
    body jsonb NOT NULL
  );
  `,
];
