
CREATE TABLE clusters (
  name text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('pglite', 'postgres')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tenants (
  id text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{2,39}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  tier text NOT NULL CHECK (tier IN ('free', 'pro', 'enterprise')),
  isolation text NOT NULL CHECK (isolation IN ('pooled', 'schema', 'database')),
  cluster text NOT NULL REFERENCES clusters (name),
  status text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'deleting')),
  settings jsonb NOT NULL DEFAULT '{}'::jsonb,
  limits jsonb NOT NULL DEFAULT '{}'::jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_cluster_isolation ON tenants (cluster, isolation);
