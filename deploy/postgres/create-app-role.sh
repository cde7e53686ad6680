#!/bin/sh
# Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d): creates the
# role the application connects as, with the password from BOD_APP_PASSWORD. The migrations find it
# and grant it what it needs; it is neither a superuser nor the tables' owner, so row-level
# security applies to every query it makes.
set -eu
: "${BOD_APP_PASSWORD:?set BOD_APP_PASSWORD}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v pw="$BOD_APP_PASSWORD" <<'SQL'
CREATE ROLE bod_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'pw';
SQL
