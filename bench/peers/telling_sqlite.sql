-- The Resultaatschema of SPEC 4-5 in SQLite's own SQL, over a registry loaded
-- with `inbeeld import` (current facts: v_until IS NULL). A peer for the
-- benchmark: what a data analyst would write, checked to give the same bytes
-- as `inbeeld telling --format csv`.
--
-- Input: a table params(d TEXT, per TEXT) with the peildatum ('YYYY-MM-DD')
-- and the view ('gemeente' or 'swv'); bench/peers/sqlite_telling.sh makes it.
-- Output: the CSV of SPEC 4.1 (run the CLI with -csv -header).
--
-- Dates are day numbers (days since 1970-01-01); an open end is 99999999.

-- (the runner sets PRAGMA temp_store = MEMORY before making params)

CREATE TEMP TABLE k AS
SELECT d AS ds, CAST(julianday(d) - 2440587.5 AS INTEGER) AS d, per FROM params;

-- Reference data ------------------------------------------------------------

CREATE TEMP TABLE school AS
SELECT brin, vestiging, soort, gemeentecode,
       CASE WHEN soort IN ('BAO', 'SBO', 'SO') THEN 'PO' ELSE 'VO' END AS sector,
       CASE WHEN soort = 'MBO' THEN NULL
            WHEN soort IN ('BAO', 'SBO', 'SO') THEN swv_po ELSE swv_vo END AS swv
FROM scholen WHERE v_until IS NULL;
CREATE UNIQUE INDEX temp.school_key ON school (brin, vestiging);

CREATE TEMP TABLE gregio AS
SELECT gemeentecode, lower(regio) AS regio FROM vakantieregios WHERE v_until IS NULL;
CREATE UNIQUE INDEX temp.gregio_key ON gregio (gemeentecode);

-- SPEC 5: a never-enrolled pupil of the AV family belongs to the lowest SWV
-- of its sector whose region contains the residence gemeente.
CREATE TEMP TABLE region_swv AS
SELECT sg.gemeentecode, s.sector, MIN(sg.swvcode) AS swv
FROM swv_gemeenten sg JOIN swv s ON s.swvcode = sg.swvcode AND s.v_until IS NULL
WHERE sg.v_until IS NULL
GROUP BY sg.gemeentecode, s.sector;

-- Facts as day numbers --------------------------------------------------------

CREATE TEMP TABLE pupil AS
SELECT leerling_id AS id, geboortedatum AS geb,
       CAST(julianday(date(geboortedatum, 'start of month',
            CASE WHEN substr(geboortedatum, 6, 5) = '02-29' THEN '+62 months' ELSE '+61 months' END))
            - 2440587.5 AS INTEGER) AS lp_start,
       MIN(CAST(julianday(date(geboortedatum, '+18 years', '-1 day')) - 2440587.5 AS INTEGER),
           COALESCE(CAST(julianday(startkwalificatie) - 2440587.5 AS INTEGER) - 1, 99999999)) AS kwal_end,
       CAST(julianday(date(geboortedatum, '+12 years')) - 2440587.5 AS INTEGER) AS twelve
FROM leerlingen WHERE v_until IS NULL;
CREATE UNIQUE INDEX temp.pupil_key ON pupil (id);

CREATE TEMP TABLE res AS
SELECT leerling_id AS id, gemeentecode AS gem, in_onderzoek,
       CAST(julianday(van) - 2440587.5 AS INTEGER) AS van,
       COALESCE(CAST(julianday(tot) - 2440587.5 AS INTEGER), 99999999) AS tot
FROM woonadressen WHERE v_until IS NULL;
CREATE INDEX temp.res_id ON res (id, van);

CREATE TEMP TABLE enr AS
SELECT e.leerling_id AS id, e.brin, e.vestiging, s.soort, s.sector, s.swv, s.gemeentecode AS sgem,
       CAST(julianday(e.van) - 2440587.5 AS INTEGER) AS van,
       COALESCE(CAST(julianday(e.tot) - 2440587.5 AS INTEGER), 99999999) AS tot
FROM inschrijvingen e JOIN school s ON s.brin = e.brin AND s.vestiging = e.vestiging
WHERE e.v_until IS NULL;
CREATE INDEX temp.enr_id ON enr (id);

-- Who is in scope on D, and what SPEC 4 rule 2 needs -------------------------

-- The residence on D (residences of one pupil do not overlap).
CREATE TEMP TABLE res_on AS
SELECT r.id, r.gem, r.in_onderzoek, r.van
FROM res r, k WHERE r.van <= k.d AND k.d <= r.tot;
CREATE UNIQUE INDEX temp.res_on_key ON res_on (id);

-- The enrolment on D: the one that started last (tie: highest brin,vestiging).
CREATE TEMP TABLE enr_on AS
SELECT id, brin, vestiging, soort, sector, swv, sgem FROM (
  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.van DESC, e.brin DESC, e.vestiging DESC) AS rn
  FROM enr e, k WHERE e.van <= k.d AND k.d <= e.tot)
WHERE rn = 1;
CREATE UNIQUE INDEX temp.enr_on_key ON enr_on (id);

-- The last enrolment before D: ended last (tie: started last, then highest
-- brin,vestiging).
CREATE TEMP TABLE enr_last AS
SELECT id, brin, vestiging, soort, sector, swv, sgem, tot FROM (
  SELECT e.*, ROW_NUMBER() OVER (PARTITION BY e.id ORDER BY e.tot DESC, e.van DESC, e.brin DESC, e.vestiging DESC) AS rn
  FROM enr e, k WHERE e.tot < k.d)
WHERE rn = 1;
CREATE UNIQUE INDEX temp.enr_last_key ON enr_last (id);

CREATE TEMP TABLE base AS
SELECT p.id, p.lp_start, p.geb,
       ro.gem, ro.in_onderzoek,
       eo.id IS NOT NULL AS enrolled,
       COALESCE(eo.sector, el.sector, CASE WHEN k.d < p.twelve THEN 'PO' ELSE 'VO' END) AS sector,
       COALESCE(eo.sgem, el.sgem) AS sgem,
       eo.swv AS swv_on, el.swv AS swv_last, el.id IS NOT NULL AS has_last, el.tot AS last_tot
FROM pupil p CROSS JOIN k
LEFT JOIN res_on ro ON ro.id = p.id
LEFT JOIN enr_on eo ON eo.id = p.id
LEFT JOIN enr_last el ON el.id = p.id
WHERE p.lp_start <= k.d AND k.d <= p.kwal_end AND (ro.id IS NOT NULL OR eo.id IS NOT NULL);
CREATE UNIQUE INDEX temp.base_key ON base (id);

-- Holiday region: that of the school's gemeente, else of the residence
-- gemeente; '' for none (weekends only).
CREATE TEMP TABLE pregio AS
SELECT b.id, COALESCE(rs.regio, rr.regio, '') AS regio
FROM base b LEFT JOIN gregio rs ON rs.gemeentecode = b.sgem LEFT JOIN gregio rr ON rr.gemeentecode = b.gem;
CREATE UNIQUE INDEX temp.pregio_key ON pregio (id);

-- Vrijstellingen: a verleend one covering D.
CREATE TEMP TABLE vrij AS
SELECT leerling_id AS id, grond, status,
       CAST(julianday(aanvraagdatum) - 2440587.5 AS INTEGER) AS aanvraag,
       CAST(julianday(van) - 2440587.5 AS INTEGER) AS van,
       COALESCE(CAST(julianday(tot) - 2440587.5 AS INTEGER), 99999999) AS tot, tot IS NULL AS open
FROM vrijstellingen WHERE v_until IS NULL;
CREATE INDEX temp.vrij_id ON vrij (id);

CREATE TEMP TABLE vrij_on AS
SELECT v.id,
       CASE v.grond WHEN '5a' THEN CASE WHEN v.open THEN 'VRIJSTELLING_5A_PERMANENT' ELSE 'VRIJSTELLING_5A_TIJDELIJK' END
                    WHEN '5b' THEN 'VRIJSTELLING_5B' WHEN '5c' THEN 'VRIJSTELLING_5C'
                    ELSE 'VRIJSTELLING_OVERIG' END AS cat
FROM vrij v, k WHERE v.status = 'verleend' AND v.van <= k.d AND k.d <= v.tot
GROUP BY v.id;

-- The holiday calendar ----------------------------------------------------------

CREATE TEMP TABLE hol AS
WITH RECURSIVE v(regio, day, tot) AS (
  SELECT lower(regio), CAST(julianday(van) - 2440587.5 AS INTEGER), CAST(julianday(tot) - 2440587.5 AS INTEGER)
  FROM vakanties WHERE v_until IS NULL
  UNION ALL SELECT regio, day + 1, tot FROM v WHERE day < tot)
SELECT DISTINCT regio, day FROM v;

-- Absence that can matter: periods of pupils enrolled on D near D, and of
-- pupils not enrolled near the end of their last enrolment (a run covering a
-- day X has a period within the longest stretch without school days of X).
CREATE TEMP TABLE probe AS
SELECT b.id, CASE WHEN b.enrolled THEN k.d ELSE b.last_tot END AS x
FROM base b, k
WHERE b.id NOT IN (SELECT id FROM vrij_on) AND (b.enrolled OR b.has_last);
CREATE UNIQUE INDEX temp.probe_key ON probe (id);

CREATE TEMP TABLE ab AS
SELECT a.leerling_id AS id,
       CASE a.soort WHEN 'ongeoorloofd' THEN 'U' WHEN 'ziek' THEN 'S'
                    WHEN 'schorsing' THEN 'E' WHEN 'verwijdering' THEN 'E' END AS cls,
       CAST(julianday(a.van) - 2440587.5 AS INTEGER) AS van,
       COALESCE(CAST(julianday(a.tot) - 2440587.5 AS INTEGER), 99999999) AS tot
FROM verzuim a
WHERE a.v_until IS NULL AND a.soort <> 'geoorloofd'
  AND a.leerling_id IN (
    SELECT p.id FROM probe p JOIN verzuim z ON z.leerling_id = p.id AND z.v_until IS NULL
    WHERE CAST(julianday(z.van) - 2440587.5 AS INTEGER) <= p.x + 120
      AND COALESCE(CAST(julianday(z.tot) - 2440587.5 AS INTEGER), 99999999) >= p.x - 120);
CREATE INDEX temp.ab_id ON ab (id, cls, van);

-- School days per region over the span that is asked about: sd = the number
-- of school days up to and including the day, hd = the holiday days.
CREATE TEMP TABLE span AS
SELECT MIN(lo) AS lo, MAX(hi) AS hi FROM (
  SELECT MIN(van) - 2 AS lo, MAX(CASE WHEN tot < 99999999 THEN tot ELSE van END) + 2 AS hi FROM ab
  UNION ALL SELECT MIN(lp_start) - 2, MAX(k.d) + 2 FROM base, k
  UNION ALL SELECT MIN(last_tot) - 2, MAX(last_tot) + 2 FROM base);

CREATE TEMP TABLE cal AS
WITH RECURSIVE dd(day) AS (SELECT lo FROM span UNION ALL SELECT day + 1 FROM dd, span WHERE day < span.hi),
     rr(regio) AS (SELECT DISTINCT regio FROM gregio UNION SELECT DISTINCT regio FROM hol UNION SELECT '')
SELECT rr.regio, dd.day,
       SUM(CASE WHEN ((dd.day % 7) + 10) % 7 < 5 AND h.day IS NULL THEN 1 ELSE 0 END)
         OVER (PARTITION BY rr.regio ORDER BY dd.day) AS sd,
       SUM(CASE WHEN h.day IS NOT NULL THEN 1 ELSE 0 END)
         OVER (PARTITION BY rr.regio ORDER BY dd.day) AS hd
FROM rr CROSS JOIN dd LEFT JOIN hol h ON h.regio = rr.regio AND h.day = dd.day;
CREATE UNIQUE INDEX temp.cal_key ON cal (regio, day);

-- Runs: periods of one class are one run when no school day lies between
-- them (the running end of the run so far, then a school day after it).
CREATE TEMP TABLE ab_prev AS
SELECT a.id, a.cls, a.van, a.tot, pr.regio,
       MAX(a.tot) OVER (PARTITION BY a.id, a.cls ORDER BY a.van, a.tot
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end
FROM ab a JOIN pregio pr ON pr.id = a.id WHERE a.cls IS NOT NULL;

CREATE TEMP TABLE ab_run AS
SELECT id, cls, van, tot,
       SUM(new_run) OVER (PARTITION BY id, cls ORDER BY van, tot ROWS UNBOUNDED PRECEDING) AS run
FROM (
  SELECT x.*,
         CASE WHEN x.prev_end IS NULL THEN 1
              WHEN x.prev_end >= 99999999 OR x.van <= x.prev_end + 1 THEN 0
              WHEN (SELECT c2.sd FROM cal c2 WHERE c2.regio = x.regio AND c2.day = x.van - 1)
                 - (SELECT c1.sd FROM cal c1 WHERE c1.regio = x.regio AND c1.day = x.prev_end) > 0 THEN 1
              ELSE 0 END AS new_run
  FROM ab_prev x);

CREATE TEMP TABLE runs AS
SELECT id, cls, MIN(van) AS start, MAX(tot) AS fin FROM ab_run GROUP BY id, cls, run;
CREATE INDEX temp.runs_id ON runs (id, cls);

-- The run of a class covering the probe day.
CREATE TEMP TABLE run_on AS
SELECT p.id, r.cls, r.start
FROM probe p JOIN runs r ON r.id = p.id AND r.start <= p.x AND p.x <= r.fin;
CREATE UNIQUE INDEX temp.run_on_key ON run_on (id, cls);

-- Classification ---------------------------------------------------------------

-- SPEC 4 rule 2: the first day of actual absence of the AV family, the latest
-- of (a) the start of leerplicht, (b) the start of the unbroken residence
-- covering D, (c) the day after the last enrolment (or the start of an
-- unauthorised run covering its last day), (d) the day after the last
-- verleend vrijstelling that ended before D.
CREATE TEMP TABLE avset AS
SELECT b.id FROM base b WHERE NOT b.enrolled AND b.id NOT IN (SELECT id FROM vrij_on);

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
FROM res_on ro JOIN r2 ON r2.id = ro.id AND r2.van = ro.van JOIN r3 ON r3.id = r2.id AND r3.isl = r2.isl;
CREATE UNIQUE INDEX temp.chain_key ON chain (id);

CREATE TEMP TABLE avstart AS
SELECT a.id,
       MAX(b.lp_start, ch.start,
           CASE WHEN b.has_last THEN COALESCE(u.start, b.last_tot + 1) ELSE -99999999 END,
           COALESCE(vv.after, -99999999)) AS start
FROM avset a JOIN base b ON b.id = a.id JOIN chain ch ON ch.id = a.id
LEFT JOIN run_on u ON u.id = a.id AND u.cls = 'U'
LEFT JOIN (SELECT v.id, MAX(v.tot) + 1 AS after FROM vrij v, k
           WHERE v.status = 'verleend' AND NOT v.open AND v.tot < k.d GROUP BY v.id) vv ON vv.id = a.id;
CREATE UNIQUE INDEX temp.avstart_key ON avstart (id);

-- Elapsed days from x to D: D - x minus the holiday days in [x, D).
CREATE TEMP TABLE cls0 AS
SELECT b.id, b.gem, b.sector, b.enrolled, b.swv_on, b.swv_last, b.has_last, b.in_onderzoek, vo.cat AS vcat,
       -- the runs of enrolled pupils only (a join condition on b alone would
       -- make DuckDB fall back to a nested-loop join)
       av.start AS avs, CASE WHEN b.enrolled THEN u.start END AS us,
       CASE WHEN b.enrolled THEN s.start END AS ss, CASE WHEN b.enrolled THEN e.start END AS es,
       CASE WHEN av.start IS NULL THEN NULL ELSE k.d - av.start
         - ((SELECT hd FROM cal WHERE regio = pr.regio AND day = k.d - 1)
          - (SELECT hd FROM cal WHERE regio = pr.regio AND day = av.start - 1)) END AS av_el,
       CASE WHEN u.start IS NULL THEN NULL ELSE k.d - u.start
         - ((SELECT hd FROM cal WHERE regio = pr.regio AND day = k.d - 1)
          - (SELECT hd FROM cal WHERE regio = pr.regio AND day = u.start - 1)) END AS u_el,
       CASE WHEN s.start IS NULL THEN NULL ELSE k.d - s.start
         - ((SELECT hd FROM cal WHERE regio = pr.regio AND day = k.d - 1)
          - (SELECT hd FROM cal WHERE regio = pr.regio AND day = s.start - 1)) END AS s_el,
       EXISTS (SELECT 1 FROM vrij v WHERE v.id = b.id AND v.grond = '5c' AND v.status = 'aangevraagd'
               AND v.aanvraag <= k.d) AS req5c
FROM base b CROSS JOIN k
JOIN pregio pr ON pr.id = b.id
LEFT JOIN vrij_on vo ON vo.id = b.id
LEFT JOIN avstart av ON av.id = b.id
LEFT JOIN run_on u ON u.id = b.id AND u.cls = 'U'
LEFT JOIN run_on s ON s.id = b.id AND s.cls = 'S'
LEFT JOIN run_on e ON e.id = b.id AND e.cls = 'E';

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
FROM cls0;

-- Duration, offer, SWV ------------------------------------------------------------

CREATE TEMP TABLE counted AS
SELECT c.*,
       -- startdatum + 3 calendar months, clamped to the end of the month
       CASE WHEN c.start IS NULL THEN 0
            WHEN k.ds >= MIN(date(c.start * 86400, 'unixepoch', 'start of month', '+3 months',
                                  '+' || (CAST(strftime('%d', c.start * 86400, 'unixepoch') AS INTEGER) - 1) || ' days'),
                             date(c.start * 86400, 'unixepoch', 'start of month', '+4 months', '-1 day'))
            THEN 1 ELSE 0 END AS lang,
       -- a place that became available since the current absence began (SPEC 4 rule 6)
       c.cat IN ('AV', 'LRV') AND NOT EXISTS (
         SELECT 1 FROM aanbod a WHERE a.leerling_id = c.id AND a.v_until IS NULL AND a.plaats_per IS NOT NULL
           AND a.plaats_per >= date(c.start * 86400, 'unixepoch') AND a.plaats_per <= k.ds) AS zonder,
       c.cat = 'AV' AND EXISTS (
         SELECT 1 FROM enr e WHERE e.id = c.id AND e.soort = 'MBO' AND e.van > k.d) AS mbo,
       CASE WHEN k.per = 'gemeente' THEN c.gem
            WHEN c.enrolled THEN c.swv_on
            WHEN c.has_last THEN c.swv_last
            WHEN c.cat IN ('AV_5C_IN_BEHANDELING', 'AV_ADRES_IN_ONDERZOEK', 'AV_KORT', 'AV')
              THEN (SELECT swv FROM region_swv rs WHERE rs.gemeentecode = c.gem AND rs.sector = c.sector)
       END AS gebied,
       CASE WHEN k.per = 'gemeente' THEN c.gem ELSE c.swv_on END AS noemer
FROM cls c CROSS JOIN k;

-- The Resultaatschema ---------------------------------------------------------------

CREATE TEMP TABLE regel(nr INTEGER, code TEXT, shape TEXT);
INSERT INTO regel VALUES
  (1, 'AV_PO', 'KL'), (2, 'AV_VO', 'KL'), (3, 'AV_VO_WAARVAN_OVERSTAP_MBO', 'KL'), (4, 'LRV_PO', 'KL'),
  (5, 'LRV_VO', 'KL'), (6, 'THUISZITTERS_TOTAAL', 'KL'), (7, 'THUISZITTERS_LANG_ZONDER_AANBOD', 'L'),
  (8, 'LEERPLICHTIGEN', 'T'), (9, 'THUISZITTERS_PER_1000', 'R'), (10, 'VRIJSTELLING_5A_TIJDELIJK', 'T'),
  (11, 'VRIJSTELLING_5A_PERMANENT', 'T'), (12, 'VRIJSTELLING_5B', 'T'), (13, 'VRIJSTELLING_5C', 'T'),
  (14, 'LANGDURIG_ZIEK', 'KL'), (15, 'GESCHORST_VERWIJDERD', 'KL'), (16, 'AV_NIET_GETELD_KORT', 'T'),
  (17, 'AV_NIET_GETELD_5C', 'T'), (18, 'AV_NIET_GETELD_ADRES', 'T');

-- Each pupil adds to the regels of its categorie (kort/lang).
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
UNION ALL SELECT noemer, 'LEERPLICHTIGEN', 0 FROM counted WHERE noemer IS NOT NULL;

CREATE TEMP TABLE cell AS
SELECT gebied, code, SUM(1 - lang) AS kort, SUM(lang) AS lang FROM hits GROUP BY gebied, code;
CREATE UNIQUE INDEX temp.cell_key ON cell (gebied, code);

CREATE TEMP TABLE gebieden AS
SELECT gemeentecode AS code FROM gemeenten, k WHERE v_until IS NULL AND k.per = 'gemeente'
UNION ALL SELECT swvcode FROM swv, k WHERE v_until IS NULL AND k.per = 'swv';

WITH rate AS (
  SELECT g.code, COALESCE(t.kort, 0) + COALESCE(t.lang, 0) AS tz, COALESCE(n.kort, 0) AS lp
  FROM gebieden g LEFT JOIN cell t ON t.gebied = g.code AND t.code = 'THUISZITTERS_TOTAAL'
  LEFT JOIN cell n ON n.gebied = g.code AND n.code = 'LEERPLICHTIGEN'),
hundredths AS (
  -- n / d * 1000 with two decimals, rounded half up on the exact fraction
  SELECT code, CASE WHEN lp > 0 THEN (tz * 200000 + lp) / (2 * lp) END AS h FROM rate)
SELECT g.code AS gebied, k.ds AS peildatum, r.code AS regel,
       CASE WHEN r.shape = 'KL' THEN COALESCE(c.kort, 0) END AS korter_dan_3_maanden,
       CASE WHEN r.shape IN ('KL', 'L') THEN COALESCE(c.lang, 0) END AS "3_maanden_of_langer",
       CASE WHEN r.shape IN ('KL', 'T') THEN COALESCE(c.kort, 0) + COALESCE(c.lang, 0)
            WHEN r.shape = 'L' THEN COALESCE(c.lang, 0)
            WHEN h.h IS NOT NULL THEN (h.h / 100) || '.' || printf('%02d', h.h % 100)
       END AS totaal
FROM gebieden g CROSS JOIN regel r CROSS JOIN k
LEFT JOIN cell c ON c.gebied = g.code AND c.code = r.code
LEFT JOIN hundredths h ON h.code = g.code
ORDER BY g.code, r.nr;
