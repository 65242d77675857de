-- Schema version 10: reserved for another branch's migration (0010:
-- surveys.simulated; 0011: the template-failures view), which replaces
-- this file when the branches are merged. It changes nothing.
SELECT 1;
