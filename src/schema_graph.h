/*-------------------------------------------------------------------------
 *
 * schema_graph.h
 *		The foreign-key graph of a set of tables, parents first, and the
 *		relations between a parent's and its children's columns that hold in
 *		every row (exact aggregates, copied columns, orderings in time).
 *
 *		Used by synth_clone_schema (which tables, in which order, what to
 *		recompute) and synth_evaluate_schema (what to measure).
 *
 * A header: types, constants and constant tables, declarations and static
 * inline helpers only; it must not define variables or other functions.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SYNTHDATA_SCHEMA_GRAPH_H
#define SYNTHDATA_SCHEMA_GRAPH_H

#include "postgres.h"
#include "nodes/pg_list.h"

/* a foreign key between two tables of the graph */
typedef struct SdSchemaEdge
{
	int			child;			/* index into SdSchemaGraph.relids */
	int			parent;
	Oid			conoid;			/* the constraint (on the table or a partition) */
	char	   *conname;
	int			nkeys;
	char	  **child_cols;		/* column names, in the constraint's order */
	char	  **parent_cols;
	bool		self;			/* child == parent */
	bool		broken;			/* the order ignores it (a cycle): repaired after */
} SdSchemaEdge;

typedef struct SdSchemaGraph
{
	int			ntables;
	Oid		   *relids;			/* parents before children */
	char	  **names;			/* the tables' own names (unqualified) */
	int			nedges;
	SdSchemaEdge *edges;
} SdSchemaGraph;

/* what a link between a parent's and its children's columns is */
typedef enum SdLinkKind
{
	SD_LINK_SUM,				/* parent.col = sum(child.col [* child.col2]) */
	SD_LINK_COUNT,				/* parent.col = count of children */
	SD_LINK_COPY,				/* child.col = parent.col (a denormalised copy) */
	SD_LINK_AFTER				/* child.col >= parent.col (a time after the parent's) */
} SdLinkKind;

typedef struct SdSchemaLink
{
	SdLinkKind	kind;
	int			edge;			/* index into SdSchemaGraph.edges (one-column FKs) */
	char	   *parent_col;
	char	   *child_col;		/* NULL for SD_LINK_COUNT */
	char	   *child_col2;		/* SD_LINK_SUM of a product, else NULL */
	bool		in_sampler;		/* a copy the clone's sampler makes (clone_schema.c) */
} SdSchemaLink;

/* every ordinary and partitioned table of a schema (not partitions, not the extension's) */
extern SdSchemaGraph *sd_schema_graph_of_schema(Oid nsp);

/*
 * The given tables and every table they reference, directly or not; *added
 * gets the names of the referenced tables that were not given.
 */
extern SdSchemaGraph *sd_schema_graph_of_tables(const Oid *relids, int n, List **added);


/* the links that hold in every row of the graph's tables (at least min_parents parents) */
extern List *sd_schema_links(const SdSchemaGraph *g, int64 min_parents);

/* a short text for a link: "invoice.total = sum(invoice_line.unit_price * quantity)" */
extern char *sd_schema_link_describe(const SdSchemaGraph *g, const SdSchemaLink *l);

/*
 * A query that measures a link on a pair of tables (given quoted and
 * qualified): one row (checked bigint, held bigint).
 */
extern char *sd_schema_link_query(const SdSchemaGraph *g, const SdSchemaLink *l,
								  const char *child, const char *parent);

#endif							/* SYNTHDATA_SCHEMA_GRAPH_H */
