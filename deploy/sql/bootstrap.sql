-- One database, one schema per service, one login role per service that owns its
-- schema and has no rights anywhere else. Idempotent: safe to run on every start.
--
-- Passwords come from psql variables (-v gateway_password=...), defaulting to the role
-- name for local development. Production sets real ones (see deploy/k8s/db-bootstrap-job.yaml).

-- Quiet: "already exists, skipping" notices on every run say nothing.
SET client_min_messages = warning;

\if :{?gateway_password}      \else \set gateway_password gateway_service           \endif
\if :{?chat_password}         \else \set chat_password chat_service                 \endif
\if :{?agent_password}        \else \set agent_password agent_service               \endif
\if :{?retrieval_password}    \else \set retrieval_password retrieval_service       \endif
\if :{?artifact_password}     \else \set artifact_password artifact_service         \endif
\if :{?notification_password} \else \set notification_password notification_service \endif

CREATE EXTENSION IF NOT EXISTS vector SCHEMA public;

-- Nobody but the owner (the admin) may create anything in public.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"DBNAME" FROM PUBLIC;

SELECT format('CREATE ROLE %I LOGIN', r) FROM unnest(ARRAY[
  'gateway_service', 'chat_service', 'agent_service',
  'retrieval_service', 'artifact_service', 'notification_service']) AS r
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) \gexec

ALTER ROLE gateway_service      PASSWORD :'gateway_password';
ALTER ROLE chat_service         PASSWORD :'chat_password';
ALTER ROLE agent_service        PASSWORD :'agent_password';
ALTER ROLE retrieval_service    PASSWORD :'retrieval_password';
ALTER ROLE artifact_service     PASSWORD :'artifact_password';
ALTER ROLE notification_service PASSWORD :'notification_password';

SELECT format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), r) FROM unnest(ARRAY[
  'gateway_service', 'chat_service', 'agent_service',
  'retrieval_service', 'artifact_service', 'notification_service']) AS r \gexec

CREATE SCHEMA IF NOT EXISTS gateway      AUTHORIZATION gateway_service;
CREATE SCHEMA IF NOT EXISTS chat         AUTHORIZATION chat_service;
CREATE SCHEMA IF NOT EXISTS agent        AUTHORIZATION agent_service;
CREATE SCHEMA IF NOT EXISTS retrieval    AUTHORIZATION retrieval_service;
CREATE SCHEMA IF NOT EXISTS artifact     AUTHORIZATION artifact_service;
CREATE SCHEMA IF NOT EXISTS notification AUTHORIZATION notification_service;

-- Each role sees its own schema first; retrieval also needs the pgvector type in public.
ALTER ROLE gateway_service      SET search_path = gateway;
ALTER ROLE chat_service         SET search_path = chat;
ALTER ROLE agent_service        SET search_path = agent;
ALTER ROLE retrieval_service    SET search_path = retrieval, public;
ALTER ROLE artifact_service     SET search_path = artifact;
ALTER ROLE notification_service SET search_path = notification;
GRANT USAGE ON SCHEMA public TO retrieval_service;
