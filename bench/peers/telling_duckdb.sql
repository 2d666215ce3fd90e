-- The Resultaatschema of SPEC 4-5 in DuckDB's SQL, straight over the CSV files
-- of a dataset folder (SPEC 3.1). The same logic as telling_sqlite.sql; run
-- by duckdb_telling.mjs, which fills in {DIR}, {D} and {PER} and prints the
-- result of the last statement as the CSV of SPEC 4.1.
--
-- Dates are day numbers (days since 1970-01-01); an open end is 99999999.
-- Statements are separated by lines holding only ";".

CREATE TEMP TABLE k AS
SELECT DATE '{D}' AS ds, (DATE '{D}' - DATE '1970-01-01') AS d, '{PER}' AS per
;
CREATE TEMP TABLE gemeenten AS
SELECT * FROM read_csv('{DIR}/gemeenten.csv', header = true, columns = {'gemeentecode': 'VARCHAR', 'naam': 'VARCHAR'})
;
CREATE TEMP TABLE swv AS
SELECT * FROM read_csv('{DIR}/swv.csv', header = true,
  columns = {'swvcode': 'VARCHAR', 'naam': 'VARCHAR', 'sector': 'VARCHAR'})
;
CREATE TEMP TABLE swv_gemeenten AS
SELECT * FROM read_csv('{DIR}/swv_gemeenten.csv', header = true,
  columns = {'swvcode': 'VARCHAR', 'gemeentecode': 'VARCHAR'})
;
CREATE TEMP TABLE school AS
SELECT brin, vestiging, soort, gemeentecode,
       CASE WHEN soort IN ('BAO', 'SBO', 'SO') THEN 'PO' ELSE 'VO' END AS sector,
       CASE WHEN soort = 'MBO' THEN NULL
            WHEN soort IN ('BAO', 'SBO', 'SO') THEN swv_po ELSE swv_vo END AS swv
FROM read_csv('{DIR}/scholen.csv', header = true,
  columns = {'brin': 'VARCHAR', 'vestiging': 'VARCHAR', 'naam': 'VARCHAR', 'soort': 'VARCHAR',
             'gemeentecode': 'VARCHAR', 'swv_po': 'VARCHAR', 'swv_vo': 'VARCHAR'})
;
CREATE TEMP TABLE gregio AS
SELECT gemeentecode, lower(regio) AS regio
FROM read_csv('{DIR}/vakantieregios.csv', header = true, columns = {'gemeentecode': 'VARCHAR', 'regio': 'VARCHAR'})
;
-- SPEC 5: a never-enrolled pupil of the AV family belongs to the lowest SWV of
-- its sector whose region contains the residence gemeente.
CREATE TEMP TABLE region_swv AS
SELECT sg.gemeentecode, s.sector, MIN(sg.swvcode) AS swv
FROM swv_gemeenten sg JOIN swv s ON s.swvcode = sg.swvcode
GROUP BY sg.gemeentecode, s.sector
;
CREATE TEMP TABLE pupil AS
SELECT leerling_id AS id, geboortedatum AS geb,
       (date_trunc('month', geboortedatum)::DATE
          + CASE WHEN strftime(geboortedatum, '%m-%d') = '02-29' THEN INTERVAL 62 MONTH ELSE INTERVAL 61 MONTH END)::DATE
         - DATE '1970-01-01' AS lp_start,
       LEAST(
         (CASE WHEN strftime(geboortedatum, '%m-%d') = '02-29' THEN make_date(year(geboortedatum) + 18, 3, 1)
               ELSE (geboortedatum + INTERVAL 18 YEAR)::DATE END) - DATE '1970-01-01' - 1,
         COALESCE(startkwalificatie - DATE '1970-01-01' - 1, 99999999)) AS kwal_end,
       (geboortedatum + INTERVAL 12 YEAR)::DATE - DATE '1970-01-01' AS twelve
FROM read_csv('{DIR}/leerlingen.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'bsn': 'VARCHAR', 'onderwijsnummer': 'VARCHAR', 'geboortedatum': 'DATE',
             'voornaam': 'VARCHAR', 'achternaam': 'VARCHAR', 'startkwalificatie': 'DATE'})
;
CREATE TEMP TABLE res AS
SELECT leerling_id AS id, gemeentecode AS gem, in_onderzoek,
       van - DATE '1970-01-01' AS van, COALESCE(tot - DATE '1970-01-01', 99999999) AS tot
FROM read_csv('{DIR}/woonadressen.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'gemeentecode': 'VARCHAR', 'van': 'DATE', 'tot': 'DATE', 'in_onderzoek': 'INTEGER'})
;
CREATE TEMP TABLE enr AS
SELECT e.leerling_id AS id, e.brin, e.vestiging, s.soort, s.sector, s.swv, s.gemeentecode AS sgem,
       e.van - DATE '1970-01-01' AS van, COALESCE(e.tot - DATE '1970-01-01', 99999999) AS tot
FROM read_csv('{DIR}/inschrijvingen.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'brin': 'VARCHAR', 'vestiging': 'VARCHAR', 'van': 'DATE', 'tot': 'DATE'}) e
JOIN school s ON s.brin = e.brin AND s.vestiging = e.vestiging
;
CREATE TEMP TABLE vrij AS
SELECT leerling_id AS id, grond, status, aanvraagdatum - DATE '1970-01-01' AS aanvraag,
       van - DATE '1970-01-01' AS van, COALESCE(tot - DATE '1970-01-01', 99999999) AS tot, tot IS NULL AS open
FROM read_csv('{DIR}/vrijstellingen.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'grond': 'VARCHAR', 'status': 'VARCHAR', 'aanvraagdatum': 'DATE',
             'van': 'DATE', 'tot': 'DATE'})
;
CREATE TEMP TABLE verzuim AS
SELECT leerling_id AS id, soort, van - DATE '1970-01-01' AS van, COALESCE(tot - DATE '1970-01-01', 99999999) AS tot
FROM read_csv('{DIR}/verzuim.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'brin': 'VARCHAR', 'vestiging': 'VARCHAR', 'soort': 'VARCHAR',
             'van': 'DATE', 'tot': 'DATE', 'uren': 'VARCHAR'})
WHERE soort <> 'geoorloofd'
;
CREATE TEMP TABLE aanbod AS
SELECT leerling_id AS id, plaats_per - DATE '1970-01-01' AS plaats
FROM read_csv('{DIR}/aanbod.csv', header = true,
  columns = {'leerling_id': 'VARCHAR', 'datum_aanbod': 'DATE', 'plaats_per': 'DATE', 'soort': 'VARCHAR'})
WHERE plaats_per IS NOT NULL
;
CREATE TEMP TABLE hol AS
SELECT DISTINCT lower(regio) AS regio, (van - DATE '1970-01-01') + i AS day
FROM read_csv('{DIR}/vakanties.csv', header = true,
  columns = {'regio': 'VARCHAR', 'naam': 'VARCHAR', 'van': 'DATE', 'tot': 'DATE'}),
  LATERAL (SELECT unnest(range(0, tot - van + 1)) AS i)
;
-- Who is in scope on D, and what SPEC 4 rule 2 needs ---------------------------
CREATE TEMP TABLE res_on AS
SELECT r.id, r.gem, r.in_onderzoek, r.van FROM res r, k WHERE r.van <= k.d AND k.d <= r.tot
;
CREATE TEMP TABLE enr_on AS
SELECT id, brin, vestiging, soort, sector, swv, sgem FROM (
  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.van DESC, e.brin DESC, e.vestiging DESC) AS rn
  FROM enr e, k WHERE e.van <= k.d AND k.d <= e.tot)
WHERE rn = 1
;
CREATE TEMP TABLE enr_last AS
SELECT id, brin, vestiging, soort, sector, swv, sgem, tot FROM (
  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.tot DESC, e.van DESC, e.brin DESC, e.vestiging DESC) AS rn
  FROM enr e, k WHERE e.tot < k.d)
WHERE rn = 1
;
CREATE TEMP TABLE base AS
SELECT p.id, p.lp_start, ro.gem, ro.in_onderzoek,
       eo.id IS NOT NULL AS enrolled,
       COALESCE(eo.sector, el.sector, CASE WHEN k.d < p.twelve THEN 'PO' ELSE 'VO' END) AS sector,
       COALESCE(eo.sgem, el.sgem) AS sgem,
       eo.swv AS swv_on, el.swv AS swv_last, el.id IS NOT NULL AS has_last, el.tot AS last_tot
FROM pupil p CROSS JOIN k
LEFT JOIN res_on ro ON ro.id = p.id
LEFT JOIN enr_on eo ON eo.id = p.id
LEFT JOIN enr_last el ON el.id = p.id
WHERE p.lp_start <= k.d AND k.d <= p.kwal_end AND (ro.id IS NOT NULL OR eo.id IS NOT NULL)
;
-- Holiday region: the school's gemeente, else the residence gemeente; '' for none.
CREATE TEMP TABLE pregio AS
SELECT b.id, COALESCE(rs.regio, rr.regio, '') AS regio
FROM base b LEFT JOIN gregio rs ON rs.gemeentecode = b.sgem LEFT JOIN gregio rr ON rr.gemeentecode = b.gem
;
CREATE TEMP TABLE vrij_on AS
SELECT v.id,
       any_value(CASE v.grond WHEN '5a' THEN CASE WHEN v.open THEN 'VRIJSTELLING_5A_PERMANENT' ELSE 'VRIJSTELLING_5A_TIJDELIJK' END
                    WHEN '5b' THEN 'VRIJSTELLING_5B' WHEN '5c' THEN 'VRIJSTELLING_5C'
                    ELSE 'VRIJSTELLING_OVERIG' END) AS cat
FROM vrij v, k WHERE v.status = 'verleend' AND v.van <= k.d AND k.d <= v.tot
GROUP BY v.id
;
-- Absence that can matter: near D for pupils enrolled on D, near the end of
-- the last enrolment for the others (a run covering a day X has a period
-- within the longest stretch without school days of X).
CREATE TEMP TABLE probe AS
SELECT b.id, CASE WHEN b.enrolled THEN k.d ELSE b.last_tot END AS x
FROM base b, k
WHERE b.id NOT IN (SELECT id FROM vrij_on) AND (b.enrolled OR b.has_last)
;
CREATE TEMP TABLE ab AS
SELECT a.id, CASE a.soort WHEN 'ongeoorloofd' THEN 'U' WHEN 'ziek' THEN 'S' ELSE 'E' END AS cls, a.van, a.tot
FROM verzuim a
WHERE a.id IN (SELECT DISTINCT p.id FROM probe p JOIN verzuim z ON z.id = p.id
               WHERE z.van <= p.x + 120 AND z.tot >= p.x - 120)
;
CREATE TEMP TABLE span AS
SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
  SELECT MIN(van) - 2 AS lo, MAX(CASE WHEN tot < 99999999 THEN tot ELSE van END) + 2 AS hi FROM ab
  UNION ALL SELECT MIN(lp_start) - 2, MAX(k.d) + 2 FROM base, k
  UNION ALL SELECT MIN(last_tot) - 2, MAX(last_tot) + 2 FROM base)
;
-- School days (sd) and holiday days (hd) per region, cumulative.
CREATE TEMP TABLE cal AS
WITH dd AS (SELECT unnest(range((SELECT lo FROM span), (SELECT hi FROM span) + 1)) AS day),
     rr AS (SELECT DISTINCT regio FROM gregio UNION SELECT DISTINCT regio FROM hol UNION SELECT '')
SELECT rr.regio, dd.day,
       SUM(CASE WHEN ((dd.day % 7) + 10) % 7 < 5 AND h.day IS NULL THEN 1 ELSE 0 END)
         OVER (PARTITION BY rr.regio ORDER BY dd.day) AS sd,
       SUM(CASE WHEN h.day IS NOT NULL THEN 1 ELSE 0 END)
         OVER (PARTITION BY rr.regio ORDER BY dd.day) AS hd
FROM rr CROSS JOIN dd LEFT JOIN hol h ON h.regio = rr.regio AND h.day = dd.day
;
-- Runs: periods of one class are one run when no school day lies between them.
CREATE TEMP TABLE ab_prev AS
SELECT a.id, a.cls, a.van, a.tot, pr.regio,
       MAX(a.tot) OVER (PARTITION BY a.id, a.cls ORDER BY a.van, a.tot
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
FROM ab a JOIN pregio pr ON pr.id = a.id
;
CREATE TEMP TABLE ab_run AS
SELECT x.id, x.cls, x.van, x.tot,
       SUM(CASE WHEN x.prev_end IS NULL THEN 1
                WHEN x.prev_end >= 99999999 OR x.van <= x.prev_end + 1 THEN 0
                WHEN c2.sd - c1.sd > 0 THEN 1 ELSE 0 END)
         OVER (PARTITION BY x.id, x.cls ORDER BY x.van, x.tot ROWS UNBOUNDED PRECEDING) AS run
FROM ab_prev x
LEFT JOIN cal c1 ON c1.regio = x.regio AND c1.day = x.prev_end
LEFT JOIN cal c2 ON c2.regio = x.regio AND c2.day = x.van - 1
;
CREATE TEMP TABLE runs AS
SELECT id, cls, MIN(van) AS start, MAX(tot) AS fin FROM ab_run GROUP BY id, cls, run
;
CREATE TEMP TABLE run_on AS
SELECT p.id, r.cls, r.start FROM probe p JOIN runs r ON r.id = p.id AND r.start <= p.x AND p.x <= r.fin
;
-- SPEC 4 rule 2: the first day of actual absence of the AV family.
CREATE TEMP TABLE avset AS
SELECT b.id FROM base b WHERE NOT b.enrolled AND b.id NOT IN (SELECT id FROM vrij_on)
;
CREATE TEMP TABLE chain AS
WITH r1 AS (
  SELECT r.id, r.van, LAG(r.tot) OVER (PARTITION BY r.id ORDER BY r.van) AS prev
  FROM res r WHERE r.id IN (SELECT id FROM avset)),
r2 AS (
  SELECT id, van, SUM(CASE WHEN prev IS NULL OR van > prev + 1 THEN 1 ELSE 0 END)
                    OVER (PARTITION BY id ORDER BY van ROWS UNBOUNDED PRECEDING) AS isl
  FROM r1),
r3 AS (SELECT id, isl, MIN(van) AS start FROM r2 GROUP BY id, isl)
SELECT ro.id, r3.start
FROM res_on ro JOIN r2 ON r2.id = ro.id AND r2.van = ro.van JOIN r3 ON r3.id = r2.id AND r3.isl = r2.isl
;
CREATE TEMP TABLE avstart AS
SELECT a.id,
       GREATEST(b.lp_start, ch.start,
           CASE WHEN b.has_last THEN COALESCE(u.start, b.last_tot + 1) ELSE -99999999 END,
           COALESCE(vv.after, -99999999)) AS start
FROM avset a JOIN base b ON b.id = a.id JOIN chain ch ON ch.id = a.id
LEFT JOIN run_on u ON u.id = a.id AND u.cls = 'U'
LEFT JOIN (SELECT v.id, MAX(v.tot) + 1 AS after FROM vrij v, k
           WHERE v.status = 'verleend' AND NOT v.open AND v.tot < k.d GROUP BY v.id) vv ON vv.id = a.id
;
-- Elapsed days from x to D: D - x minus the holiday days in [x, D).
CREATE TEMP TABLE cls0 AS
SELECT b.id, b.gem, b.sector, b.enrolled, b.swv_on, b.swv_last, b.has_last, b.in_onderzoek, vo.cat AS vcat,
       -- the runs of enrolled pupils only (a join condition on b alone would
       -- make DuckDB fall back to a nested-loop join)
       av.start AS avs, CASE WHEN b.enrolled THEN u.start END AS us,
       CASE WHEN b.enrolled THEN s.start END AS ss, CASE WHEN b.enrolled THEN e.start END AS es,
       k.d - av.start - (cd.hd - ca.hd) AS av_el,
       k.d - u.start - (cd.hd - cu.hd) AS u_el,
       k.d - s.start - (cd.hd - cs.hd) AS s_el,
       r5.id IS NOT NULL AS req5c
FROM base b CROSS JOIN k
JOIN pregio pr ON pr.id = b.id
LEFT JOIN vrij_on vo ON vo.id = b.id
LEFT JOIN avstart av ON av.id = b.id
LEFT JOIN run_on u ON u.id = b.id AND u.cls = 'U'
LEFT JOIN run_on s ON s.id = b.id AND s.cls = 'S'
LEFT JOIN run_on e ON e.id = b.id AND e.cls = 'E'
LEFT JOIN cal cd ON cd.regio = pr.regio AND cd.day = k.d - 1
LEFT JOIN cal ca ON ca.regio = pr.regio AND ca.day = av.start - 1
LEFT JOIN cal cu ON cu.regio = pr.regio AND cu.day = u.start - 1
LEFT JOIN cal cs ON cs.regio = pr.regio AND cs.day = s.start - 1
LEFT JOIN (SELECT DISTINCT v.id FROM vrij v, k WHERE v.grond = '5c' AND v.status = 'aangevraagd'
           AND v.aanvraag <= k.d) r5 ON r5.id = b.id
;
CREATE TEMP TABLE cls AS
SELECT id, gem, sector, enrolled, swv_on, swv_last, has_last,
       CASE WHEN vcat IS NOT NULL THEN vcat
            WHEN NOT enrolled THEN
              CASE WHEN req5c THEN 'AV_5C_IN_BEHANDELING'
                   WHEN in_onderzoek = 1 THEN 'AV_ADRES_IN_ONDERZOEK'
                   WHEN av_el < 28 THEN 'AV_KORT'
                   ELSE 'AV' END
            WHEN us IS NOT NULL AND u_el >= 28 THEN 'LRV'
            WHEN ss IS NOT NULL AND s_el >= 28 THEN 'LANGDURIG_ZIEK'
            WHEN es IS NOT NULL THEN 'GESCHORST_VERWIJDERD'
            WHEN us IS NOT NULL THEN 'DREIGEND'
            ELSE 'GEEN' END AS cat,
       CASE WHEN vcat IS NOT NULL THEN NULL
            WHEN NOT enrolled THEN avs
            WHEN us IS NOT NULL AND u_el >= 28 THEN us
            WHEN ss IS NOT NULL AND s_el >= 28 THEN ss
            WHEN es IS NOT NULL THEN es
            ELSE us END AS start
FROM cls0
;
-- Duration (startdatum + 3 calendar months, clamped), offer, SWV.
CREATE TEMP TABLE counted AS
SELECT c.*,
       CASE WHEN c.start IS NULL THEN 0
            WHEN k.ds >= (DATE '1970-01-01' + c.start::INTEGER + INTERVAL 3 MONTH)::DATE THEN 1 ELSE 0 END AS lang,
       -- a place that became available since the current absence began (SPEC 4 rule 6)
       c.cat IN ('AV', 'LRV') AND NOT EXISTS (
         SELECT 1 FROM aanbod a WHERE a.id = c.id AND a.plaats >= c.start AND a.plaats <= k.d) AS zonder,
       c.cat = 'AV' AND c.id IN (SELECT e.id FROM enr e, k WHERE e.soort = 'MBO' AND e.van > k.d) AS mbo,
       CASE WHEN k.per = 'gemeente' THEN c.gem
            WHEN c.enrolled THEN c.swv_on
            WHEN c.has_last THEN c.swv_last
            WHEN c.cat IN ('AV_5C_IN_BEHANDELING', 'AV_ADRES_IN_ONDERZOEK', 'AV_KORT', 'AV') THEN rs.swv
       END AS gebied,
       CASE WHEN k.per = 'gemeente' THEN c.gem ELSE c.swv_on END AS noemer
FROM cls c CROSS JOIN k
LEFT JOIN region_swv rs ON rs.gemeentecode = c.gem AND rs.sector = c.sector
;
-- The Resultaatschema --------------------------------------------------------------
CREATE TEMP TABLE regel AS
SELECT * FROM (VALUES
  (1, 'AV_PO', 'KL'), (2, 'AV_VO', 'KL'), (3, 'AV_VO_WAARVAN_OVERSTAP_MBO', 'KL'), (4, 'LRV_PO', 'KL'),
  (5, 'LRV_VO', 'KL'), (6, 'THUISZITTERS_TOTAAL', 'KL'), (7, 'THUISZITTERS_LANG_ZONDER_AANBOD', 'L'),
  (8, 'LEERPLICHTIGEN', 'T'), (9, 'THUISZITTERS_PER_1000', 'R'), (10, 'VRIJSTELLING_5A_TIJDELIJK', 'T'),
  (11, 'VRIJSTELLING_5A_PERMANENT', 'T'), (12, 'VRIJSTELLING_5B', 'T'), (13, 'VRIJSTELLING_5C', 'T'),
  (14, 'LANGDURIG_ZIEK', 'KL'), (15, 'GESCHORST_VERWIJDERD', 'KL'), (16, 'AV_NIET_GETELD_KORT', 'T'),
  (17, 'AV_NIET_GETELD_5C', 'T'), (18, 'AV_NIET_GETELD_ADRES', 'T')) t(nr, code, shape)
;
CREATE TEMP TABLE hits AS
SELECT gebied, CASE cat WHEN 'AV' THEN 'AV_' || sector WHEN 'LRV' THEN 'LRV_' || sector
                        WHEN 'AV_KORT' THEN 'AV_NIET_GETELD_KORT' WHEN 'AV_5C_IN_BEHANDELING' THEN 'AV_NIET_GETELD_5C'
                        WHEN 'AV_ADRES_IN_ONDERZOEK' THEN 'AV_NIET_GETELD_ADRES' ELSE cat END AS code, lang
FROM counted WHERE gebied IS NOT NULL AND cat NOT IN ('GEEN', 'DREIGEND', 'VRIJSTELLING_OVERIG')
UNION ALL SELECT gebied, 'AV_VO_WAARVAN_OVERSTAP_MBO', lang FROM counted
  WHERE gebied IS NOT NULL AND cat = 'AV' AND sector = 'VO' AND mbo
UNION ALL SELECT gebied, 'THUISZITTERS_TOTAAL', lang FROM counted WHERE gebied IS NOT NULL AND cat IN ('AV', 'LRV')
UNION ALL SELECT gebied, 'THUISZITTERS_LANG_ZONDER_AANBOD', 1 FROM counted
  WHERE gebied IS NOT NULL AND cat IN ('AV', 'LRV') AND lang = 1 AND zonder
UNION ALL SELECT noemer, 'LEERPLICHTIGEN', 0 FROM counted WHERE noemer IS NOT NULL
;
CREATE TEMP TABLE cell AS
SELECT gebied, code, SUM(1 - lang) AS kort, SUM(lang) AS lang FROM hits GROUP BY gebied, code
;
CREATE TEMP TABLE gebieden AS
SELECT gemeentecode AS code FROM gemeenten, k WHERE k.per = 'gemeente'
UNION ALL SELECT swvcode FROM swv, k WHERE k.per = 'swv'
;
WITH rate AS (
  SELECT g.code, COALESCE(t.kort, 0) + COALESCE(t.lang, 0) AS tz, COALESCE(n.kort, 0) AS lp
  FROM gebieden g LEFT JOIN cell t ON t.gebied = g.code AND t.code = 'THUISZITTERS_TOTAAL'
  LEFT JOIN cell n ON n.gebied = g.code AND n.code = 'LEERPLICHTIGEN'),
hundredths AS (
  -- n / d * 1000 with two decimals, rounded half up on the exact fraction
  SELECT code, CASE WHEN lp > 0 THEN (tz * 200000 + lp) // (2 * lp) END AS h FROM rate)
SELECT g.code AS gebied, strftime(k.ds, '%Y-%m-%d') AS peildatum, r.code AS regel,
       CASE WHEN r.shape = 'KL' THEN COALESCE(c.kort, 0) END AS korter_dan_3_maanden,
       CASE WHEN r.shape IN ('KL', 'L') THEN COALESCE(c.lang, 0) END AS "3_maanden_of_langer",
       CASE WHEN r.shape IN ('KL', 'T') THEN (COALESCE(c.kort, 0) + COALESCE(c.lang, 0))::VARCHAR
            WHEN r.shape = 'L' THEN COALESCE(c.lang, 0)::VARCHAR
            WHEN h.h IS NOT NULL THEN (h.h // 100)::VARCHAR || '.' || printf('%02d', h.h % 100)
       END AS totaal
FROM gebieden g CROSS JOIN regel r CROSS JOIN k
LEFT JOIN cell c ON c.gebied = g.code AND c.code = r.code
LEFT JOIN hundredths h ON h.code = g.code
ORDER BY g.code, r.nr
