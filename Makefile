# synthdata — PGXS build
#
# The install script synthdata--$(EXTVERSION).sql is assembled from one SQL
# fragment per feature (src/*.sql); the header fragment comes first.

EXTENSION = synthdata
EXTVERSION = 0.2.0

MODULE_big = synthdata

# Core: module entry, shared helpers, generator.
OBJS = src/module.o src/sdutil.o src/options.o src/rng.o
SQL_FRAGMENTS = src/synthdata.sql
REGRESS = rng

# Each feature adds its objects, SQL fragment and regression tests in its
# own block below (fragments are concatenated in this order).

# ---- feature: distribution sampling ----
OBJS += src/distributions.o src/sampling.o
SQL_FRAGMENTS += src/sampling.sql
REGRESS += sampling_continuous sampling_discrete sampling_categorical sampling_multivariate sampling_temporal

# ---- feature: fake values ----
OBJS += src/fake.o src/fake_dict.o src/fake_infer.o src/fake_sql.o
SQL_FRAGMENTS += src/fake.sql
REGRESS += fake

# ---- feature: rule-constrained rows ----
OBJS += src/catalog.o src/rules.o src/generate.o src/generate_types.o \
	src/generate_rules.o src/generate_infer.o src/generate_unique.o \
	src/generate_plan.o
SQL_FRAGMENTS += src/generate.sql
REGRESS += rules rules_schema rules_concurrency

# ---- feature: fitted cloning ----
OBJS += src/model.o src/clone.o src/model_json.o src/sampler.o src/clone_fill.o src/fit_agg.o src/fit.o src/marginal.o src/copula.o src/guard.o src/sequence.o
SQL_FRAGMENTS += src/clone.sql
REGRESS += clone clone_concurrency

# ---- feature: evaluation ----
OBJS += src/neighbors.o src/knn_sql.o src/metrics.o src/evaluate.o src/report.o
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

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_FRAGMENTS)
	cat $^ > $@

EXTRA_CLEAN += $(EXTENSION)--$(EXTVERSION).sql

# Rebuild every object when a header changes (the headers are few and shared).
$(OBJS): $(wildcard src/*.h)
