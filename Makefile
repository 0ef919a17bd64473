# synthdata — PGXS build
#
# The install script synthdata--$(EXTVERSION).sql is assembled from one SQL
# fragment per feature (src/*.sql); the header fragment comes first.

EXTENSION = synthdata
EXTVERSION = 0.2.0

MODULE_big = synthdata

# Core: module entry, shared helpers, generator.
OBJS = src/module.o src/sdutil.o src/options.o src/rng.o src/keygen.o src/coltype.o
SQL_FRAGMENTS = src/synthdata.sql
REGRESS = rng

# Each feature adds its objects, SQL fragment and regression tests in its
# own block below (fragments are concatenated in this order).

# ---- feature: distribution sampling ----
OBJS += src/distributions.o src/sampling.o
SQL_FRAGMENTS += src/sampling.sql
REGRESS += sampling_continuous sampling_discrete sampling_categorical sampling_multivariate sampling_temporal

# ---- feature: fake values ----
OBJS += src/fake.o src/fake_text.o src/fake_pattern.o src/fake_dict.o src/fake_infer.o src/fake_sql.o src/fake_intl.o
SQL_FRAGMENTS += src/fake.sql
REGRESS += fake

# ---- feature: rule-constrained rows ----
OBJS += src/catalog.o src/rules.o src/generate.o src/generate_types.o \
	src/generate_rules.o src/generate_infer.o src/generate_unique.o \
	src/generate_plan.o src/generate_builtin.o src/regex_gen.o \
	src/generate_defaults.o src/generate_probe.o src/generate_realism.o
SQL_FRAGMENTS += src/generate.sql
REGRESS += rules rules_schema rules_concurrency

# ---- feature: fitted cloning ----
OBJS += src/model.o src/clone.o src/model_json.o src/sampler.o src/sampler_values.o src/sampler_engine.o src/clone_fill.o src/fit_agg.o src/fit_config.o src/fit_state_io.o src/fit_sample_keep.o src/fit_orders.o src/fit.o src/fit_options.o src/fit_sample.o src/marginal.o src/copula.o src/guard.o \
	src/roles.o src/roles_sample.o src/roles_country.o src/roles_unique.o src/roles_fanout.o src/roles_condition.o src/text_model.o src/text_tokens.o src/text_model_json.o src/text_model_sample.o src/derived.o src/image.o src/sequence.o src/sequence_detect.o src/sequence_estimate.o src/sequence_ar.o src/sequence_json.o src/sequence_sample.o src/key_order.o src/sample_scan.o
OBJS += src/clone_constraints.o src/clone_time.o src/clone_checks.o
SQL_FRAGMENTS += src/clone.sql src/roles.sql
REGRESS += clone clone_concurrency
# images are deflated with zlib, which PostgreSQL itself links
SHLIB_LINK += -lz

# ---- feature: evaluation ----
OBJS += src/neighbors.o src/knn_sql.o src/metrics.o src/evaluate.o src/evaluate_roles.o src/evaluate_sequence.o src/report.o
SQL_FRAGMENTS += src/knn.sql src/evaluate.sql
REGRESS += knn evaluate

# ---- feature: imputation and augmentation ----
OBJS += src/impute_engine.o src/impute_table.o src/impute.o src/augment.o
SQL_FRAGMENTS += src/impute.sql
REGRESS += impute augment

# ---- feature: time series and event processes ----
OBJS += src/timeseries.o src/timeseries_sql.o
SQL_FRAGMENTS += src/timeseries.sql
REGRESS += timeseries

# ---- feature: differential privacy ----
OBJS += src/dp.o src/dp_fit.o src/dp_mst.o
SQL_FRAGMENTS += src/dp.sql
# ---- feature: scale-out (partial fits, shards over postgres_fdw) ----
# shard.c talks to remote servers through postgres_fdw's connections (libpq)
OBJS += src/fit_partial.o src/shard.o
SQL_FRAGMENTS += src/fit_partial.sql
PG_CPPFLAGS += -I$(shell $(PG_CONFIG) --includedir)
SHLIB_LINK += -lpq

# ---- feature: schema cloning (the foreign-key graph, synth_clone_schema) ----
OBJS += src/schema_graph.o src/clone_schema.o
OBJS += src/evaluate_schema.o src/report_schema.o
SQL_FRAGMENTS += src/clone_schema.sql
SQL_FRAGMENTS += src/evaluate_schema.sql

# ---- feature: rules stored with the schema (security labels) ----
OBJS += src/labels.o
SQL_FRAGMENTS += src/labels.sql

# ---- end of features ----

# The extension in a schema off the search_path (last: it re-creates the extension).
REGRESS += digests upgrade relocation

DATA_built = $(EXTENSION)--$(EXTVERSION).sql

# Released install scripts are never edited: upgrade/ keeps each released
# version's script and the update scripts from one version to the next.
DATA = $(wildcard upgrade/$(EXTENSION)--*.sql)

PG_CONFIG ?= pg_config

# Warnings on; -Wno-unused-parameter because fmgr's PG_FUNCTION_ARGS is
# unused by design in some functions.  "make DEBUG=1" builds with assertions.
PG_CFLAGS += -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
ifdef DEBUG
PG_CFLAGS += -DUSE_ASSERT_CHECKING -O0 -g
endif

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# The library's calls of its own functions go straight to them, not through
# the procedure linkage table (and within a file may be inlined): nothing
# is meant to interpose them.  The functions the server looks up stay
# exported.
ifeq ($(PORTNAME),linux)
ifeq ($(shell $(CC) -fno-semantic-interposition -E -x c /dev/null >/dev/null 2>&1 && echo y),y)
override CFLAGS += -fno-semantic-interposition
endif
SHLIB_LINK += -Wl,-Bsymbolic
endif

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_FRAGMENTS)
	cat $^ > $@

EXTRA_CLEAN += $(EXTENSION)--$(EXTVERSION).sql

# Rebuild every object when a header changes (the headers are few and shared).
$(OBJS): $(wildcard src/*.h)
