-- The deployment's name, which every server-wide name it creates carries (storage/names.ts
-- DeploymentNames): on a PostgreSQL server roles and databases belong to the server, so two
-- deployments sharing one would otherwise collide on the same tenant id. One row, written at the first
-- start (storage/deployment.ts) and never changed: the roles and databases are named after it.
-- A catalog made before this migration has named its roles and databases without a deployment name;
-- it is told apart by its clusters (recorded at every start, after the migrations), and keeps those
-- names by recording the empty name.
CREATE TABLE deployment (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  name text NOT NULL CHECK (name = '' OR name ~ '^[a-z][a-z0-9]+$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO deployment (name) SELECT '' WHERE EXISTS (SELECT 1 FROM clusters) OR EXISTS (SELECT 1 FROM tenants);
