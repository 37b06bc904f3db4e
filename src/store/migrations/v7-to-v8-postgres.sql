-- Schema version 7 to 8 on PostgreSQL: nothing changes. Version 8 writes SQLite's CHECKs that
-- list three or more values as OR chains (v7-to-v8.sql), because SQLite builds a temporary
-- b-tree for such an IN list at every row; PostgreSQL checks an IN list of constants as it is,
-- so schema-postgres.sql keeps them. The version moves so that both backends count alike.
SELECT 1;
