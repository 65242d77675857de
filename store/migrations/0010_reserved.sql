-- Schema version 10 belongs to another branch's migration. This
-- placeholder only keeps the numbering without a gap on the show-fix
-- branch (migrations must be numbered 0001, 0002, ... in order): delete it
-- when that branch's 0010 is merged.
SELECT 1;
