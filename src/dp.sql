
/* ---- src/dp.sql: differential privacy -------------------------------------
 *
 * synth_fit, synth_clone and synth_clone_table with option "epsilon" build
 * their model from noisy releases only (dp_fit.c) and record the fit here.
 * Each role sees, and can add, only its own rows of the ledger (row-level
 * security); nobody but the table's owner may change or delete a row, so a
 * role's spent budget only grows.  The owner (the extension's installer)
 * sees every row.
 */

CREATE TABLE synth_privacy_ledger (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source oid NOT NULL,
    source_name text NOT NULL,
    role name NOT NULL DEFAULT CURRENT_USER,
    fitted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    epsilon float8 NOT NULL CHECK (epsilon >= 0),
    delta float8 NOT NULL CHECK (delta > 0 AND delta < 1),
    rho float8 NOT NULL CHECK (rho >= 0),
    delta_threshold float8 NOT NULL CHECK (delta_threshold >= 0 AND delta_threshold <= delta),
    privacy jsonb NOT NULL
);
CREATE INDEX synth_privacy_ledger_source ON synth_privacy_ledger (source);
COMMENT ON TABLE synth_privacy_ledger IS
'one row per differentially private fit: source table, role, time, epsilon, delta, rho (zCDP), the part of delta spent on category thresholds, and the model''s privacy object (budget split per statistic)';
ALTER TABLE synth_privacy_ledger ENABLE ROW LEVEL SECURITY;
CREATE POLICY synth_privacy_ledger_own_rows ON synth_privacy_ledger
    FOR SELECT USING (role OPERATOR(pg_catalog.=) CURRENT_USER);
CREATE POLICY synth_privacy_ledger_own_inserts ON synth_privacy_ledger
    FOR INSERT WITH CHECK (role OPERATOR(pg_catalog.=) CURRENT_USER);
GRANT SELECT, INSERT ON synth_privacy_ledger TO PUBLIC;
SELECT pg_catalog.pg_extension_config_dump('synth_privacy_ledger', '');

CREATE FUNCTION synth_privacy_budget(source regclass,
                                     OUT fits bigint, OUT epsilon float8,
                                     OUT delta float8, OUT rho float8)
RETURNS record
AS 'MODULE_PATHNAME', 'synth_privacy_budget'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION synth_privacy_budget(regclass) IS
'the differential privacy budget the caller has spent on a table: fits, and their rho (zCDP) summed and converted once to (epsilon, delta) (Canonne, Kamath and Steinke 2020)';

-- accounting and mechanisms: pure math, or noise
CREATE FUNCTION synth_dp_epsilon(rho float8, delta float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_dp_epsilon'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_epsilon(float8, float8) IS
'the epsilon of (epsilon, delta)-DP implied by rho-zCDP, by the conversion of Canonne, Kamath and Steinke 2020';

CREATE FUNCTION synth_dp_rho(epsilon float8, delta float8)
RETURNS float8
AS 'MODULE_PATHNAME', 'synth_dp_rho'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_rho(float8, float8) IS
'the largest rho whose zCDP implies (epsilon, delta)-DP (inverse of synth_dp_epsilon)';

CREATE FUNCTION synth_dp_gaussian(sigma float8, n int, seed bigint DEFAULT NULL)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'synth_dp_gaussian'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_gaussian(float8, int, bigint) IS
'n draws of the Gaussian mechanism''s noise N(0, sigma^2): from the seeded generator when seed is given (for tests), else from the strong random source';

CREATE FUNCTION synth_dp_exponential(utility float8[], epsilon float8, sensitivity float8 DEFAULT 1,
                                     n int DEFAULT 1, seed bigint DEFAULT NULL)
RETURNS int[]
AS 'MODULE_PATHNAME', 'synth_dp_exponential'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION synth_dp_exponential(float8[], float8, float8, int, bigint) IS
'n choices of the exponential mechanism (1-based), P(i) proportional to exp(epsilon utility[i] / (2 sensitivity)), by the Gumbel-max trick';
