-- A running turn is leased to the worker running it, which renews the lease while it
-- works. After a rebalance the partition's new owner waits for a live lease to end instead
-- of running the same turn twice; a dead worker's lease expires and the turn is taken over.
ALTER TABLE turns ADD COLUMN owner TEXT, ADD COLUMN lease_until TIMESTAMPTZ;
