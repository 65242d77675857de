-- Schema version 10: a survey knows it is simulated.

-- 1 when the survey crawled a simulated web (councilbench survey --demo:
-- fictional councils on loopback), not real council websites; every output
-- of such a survey says so. Surveys made before read 0, except those whose
-- stored settings say --demo made them: their councils had real names but
-- their websites and scores were simulated all the same.
ALTER TABLE surveys ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0;

UPDATE surveys SET simulated = 1
WHERE json_valid(settings) AND json_extract(settings, '$.demo') = 1;
