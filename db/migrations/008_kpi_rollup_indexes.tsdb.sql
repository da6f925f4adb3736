-- Nothing to do with TimescaleDB: a continuous aggregate's materialization already has an index
-- per grouping column with the bucket (timescaledb.create_group_indexes, on by default), which is
-- what the .pg.sql twin adds to the plain rollup tables.
SELECT 1;
