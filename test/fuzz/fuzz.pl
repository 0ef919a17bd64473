#!/usr/bin/perl
# test/fuzz/fuzz.pl — throws malformed input at every SQL entry point of
# synthdata and fails on a backend crash or an internal error (SQLSTATE
# class XX).
#
# Targets (one TAP test each):
#   model/*    models fitted by synth_fit on tables of many column types,
#              mutated, given to synth_sample, _synth_sample, synth_impute,
#              synth_impute_update and synth_augment ("model" option)
#   rules/*    valid rule sets, mutated (JSON and the rule expressions'
#              text), given to synth_rows, synth_fill and synth_fill_schema
#   options/*  valid options, mutated, given to every function that takes
#              options (synth_fit, synth_clone both forms, synth_clone_table,
#              synth_evaluate, synth_report, synth_impute, synth_impute_update,
#              synth_augment)
#   partial/*  partial fit states from synth_fit_partial, mutated and most
#              of them resealed with a valid CRC-32C (forged), given to
#              synth_fit_merge (array and aggregate forms)
#   fn/*       every function of the extension, listed from the catalog,
#              called with random values of its argument types; the fit
#              aggregate with forged configurations, serially and with
#              parallel workers
#
# Every case runs as an unprivileged role, inside fz_try() (setup in this
# file): the case's statement in a subtransaction that is always rolled
# back, whose SQLSTATE is the outcome.  A case fails when its outcome is of
# class XX, or when the backend dies (the connection is lost: the case
# running then is the culprit; the server log is read for "terminated by
# signal"), or when it runs past the watchdog's limit (3 x its
# statement_timeout + 20 s: the watchdog terminates its backend, and kills
# it if it does not react, as a loop without CHECK_FOR_INTERRUPTS would
# not).  After a crash the driver waits for the server and goes on with the
# next case; a target stops after 3 crashes.  Every failure is printed with
# its reproducer (and written to SYNTHDATA_FUZZ_OUT).
#
# Deterministic: each target's cases come from a generator seeded by
# (SYNTHDATA_FUZZ_SEED, target name), and the tables are filled by fixed
# arithmetic, so a case id names the same input on every run.
#
# Environment:
#   SYNTHDATA_FUZZ_ITERATIONS  cases per target (default 100)
#   SYNTHDATA_FUZZ_SEED        the seed (default 20240601)
#   SYNTHDATA_FUZZ_TARGETS     a regular expression: only matching targets
#   SYNTHDATA_FUZZ_CASE        one case id (target:number): run only it
#   SYNTHDATA_FUZZ_TIMEOUT     statement_timeout of a case in ms (5000)
#   SYNTHDATA_FUZZ_KNOWN       the known-defects file (test/fuzz/known.txt)
#   SYNTHDATA_FUZZ_OUT         where reproducers are written (<tree>/fuzz.out)
#   SYNTHDATA_FUZZ_VERBOSE     1: print every case's outcome
#   PG_CONFIG, PGHOST, PGPORT, PGUSER (a superuser), SYNTHDATA_PGDATA (for
#   the server log, <tree>/.pgdata/server.log) as in test/cluster.sh.
#
# Output: TAP ("1..N", "ok", "not ok", "# " diagnostics) on stdout.  A
# target whose only failures are listed in the known-defects file is
# reported "not ok ... # TODO known defect".

use strict;
use warnings;
use JSON::PP;
use Digest::MD5 qw(md5);
use File::Basename qw(dirname);
use File::Path qw(make_path);
use Cwd qw(abs_path);
use File::Temp qw(tempfile);
use POSIX ();
use Time::HiRes qw(time sleep);
use Encode ();

binmode(STDOUT, ':encoding(UTF-8)');
binmode(STDERR, ':encoding(UTF-8)');
$| = 1;

my $ROOT = abs_path(dirname(__FILE__) . '/../..');
my $ITER = $ENV{SYNTHDATA_FUZZ_ITERATIONS} // 100;
my $SEED = $ENV{SYNTHDATA_FUZZ_SEED} // 20240601;
my $ONLY_TARGETS = $ENV{SYNTHDATA_FUZZ_TARGETS};
my $ONLY_CASE = $ENV{SYNTHDATA_FUZZ_CASE};
my $TIMEOUT_MS = $ENV{SYNTHDATA_FUZZ_TIMEOUT} // 5000;
my $KNOWN_FILE = $ENV{SYNTHDATA_FUZZ_KNOWN} // "$ROOT/test/fuzz/known.txt";
my $OUT_DIR = $ENV{SYNTHDATA_FUZZ_OUT} // "$ROOT/fuzz.out";
my $VERBOSE = $ENV{SYNTHDATA_FUZZ_VERBOSE} // 0;
my $PG_CONFIG = $ENV{PG_CONFIG} // 'pg_config';
my $PGDATA = $ENV{SYNTHDATA_PGDATA} // "$ROOT/.pgdata";
my $SERVER_LOG = "$PGDATA/server.log";
my $DB = 'synthdata_fuzz';
my $ROLE = 'synth_fuzz';
my $MAX_CRASHES_PER_TARGET = 3;
my $HANG_LIMIT = $TIMEOUT_MS / 1000 * 3 + 20;	# seconds, cancel included

chomp(my $BINDIR = `$PG_CONFIG --bindir`);
die "fuzz: cannot run $PG_CONFIG\n" unless $BINDIR;
my $PSQL = "$BINDIR/psql";
$ENV{PGHOST} //= '127.0.0.1';
my $SUPERUSER = $ENV{PGUSER} // 'postgres';

my $JSON = JSON::PP->new->canonical(1)->allow_nonref(1)->utf8(0);
my $JSON_IN = JSON::PP->new->allow_nonref(1)->utf8(1);

# ---------------------------------------------------------------------
# psql helpers
# ---------------------------------------------------------------------

sub psql_run
{
	my ($user, $db, $sql, %o) = @_;
	my ($fh, $file) = tempfile('synthfuzzXXXXXX', TMPDIR => 1, UNLINK => 1);
	binmode($fh, ':encoding(UTF-8)');
	print $fh $sql;
	close $fh;
	my $stop = $o{no_stop} ? '' : '-v ON_ERROR_STOP=1';
	my $out = `"$PSQL" -X -q -At $stop -U $user -d $db -f $file 2>&1`;
	my $rc = $? >> 8;
	utf8::decode($out);
	die "fuzz: psql failed ($rc):\n$sql\n$out\n" if $rc != 0 && !$o{may_fail};
	return wantarray ? ($out, $rc) : $out;
}

sub super_sql { psql_run($SUPERUSER, $_[0], $_[1], @_[2 .. $#_]) }

# one statement as the superuser, without a temporary file (the watchdog)
sub super_c
{
	my ($sql) = @_;
	my $pid = open(my $fh, '-|');
	die "fuzz: fork: $!\n" unless defined $pid;
	if ($pid == 0)
	{
		open(STDERR, '>', '/dev/null');
		exec($PSQL, '-X', '-q', '-At', '-U', $SUPERUSER, '-d', 'postgres', '-c', $sql) or POSIX::_exit(1);
	}
	local $/;
	my $out = <$fh> // '';
	close $fh;
	return ($out, $? >> 8);
}
sub role_sql { psql_run($ROLE, $DB, "SET search_path = fz, public;\nSET client_min_messages = warning;\n" . $_[0], @_[1 .. $#_]) }

sub wait_for_server
{
	my $t0 = time;
	while (time - $t0 < 120)
	{
		my ($out, $rc) = super_sql('postgres', "SELECT 1", may_fail => 1);
		return 1 if $rc == 0 && $out =~ /^1$/m;
		sleep 0.5;
	}
	return 0;
}

my $log_offset = 0;

sub log_new_text
{
	open(my $fh, '<', $SERVER_LOG) or return undef;
	binmode($fh);
	seek($fh, $log_offset, 0);
	local $/;
	my $t = <$fh> // '';
	$log_offset += length($t);
	close $fh;
	utf8::decode($t);
	return $t;
}

# ---------------------------------------------------------------------
# deterministic randomness: Perl's own drand48, reseeded per target
# ---------------------------------------------------------------------

sub seed_target
{
	my ($name) = @_;
	srand(unpack('N', md5("$SEED/$name")));
}

sub rint { int(rand($_[0])) }
sub chance { rand() < $_[0] }
sub pick { $_[rint(scalar @_)] }

# ---------------------------------------------------------------------
# interesting values
# ---------------------------------------------------------------------

# numbers as JSON (or SQL) text: a raw token never goes through Perl's
# floating point, so 1e400 stays 1e400
my @NUM_TEXT = qw(0 -0 1 -1 2 3 7 10 255 256 1000 65535 65536 2147483647
	2147483648 -2147483648 -2147483649 4294967295 4294967296
	9223372036854775807 9223372036854775808 -9223372036854775808
	-9223372036854775809 18446744073709551616 1e15 1e18 1e19 1e100 1e300
	1.7976931348623157e308 1e308 1e309 -1e308 -1e400 1e400 1e-300 5e-324
	1e-400 0.5 -0.5 0.999999999 1.0000000001 3.4e38 0.1 100.25
	123456789012345678901234567890 -123456789012345678901234567890.5);

# odd characters: bidi overrides, zero-width, BOM, the last code point,
# an emoji, a combining accent, the replacement character, line separators
my @ODD_CHARS = ("\x{202E}", "\x{200B}", "\x{FEFF}", "\x{10FFFD}", "\x{1F600}",
	"e\x{301}", "\x{FFFD}", "\x{2028}", "\x{FF08}", "\x{0430}", "\x{00DF}",
	"\x{7F}", "\x{1}", "\t", "\\", "'", '"', '%s', '%n', '$1', "\x{E000}");

sub odd_string
{
	my $r = rint(10);
	return '' if $r == 0;
	return ' ' x (1 + rint(3)) if $r == 1;
	return 'A' x pick(100, 1000, 70000) if $r == 2;
	return join('', map { pick(@ODD_CHARS) } 1 .. 1 + rint(6)) if $r <= 5;
	return pick('NaN', 'Infinity', '-Infinity', 'nan', 'inf', '1e999', '-0', '0x10',
		'null', 'true', '{}', '[]', 'x', 'é', 'DROP TABLE x', '\\x00', '0');
}

# a JSON text used as a raw token, e.g. a number that does not fit Perl's
# doubles; encode() turns the marker back into the token
sub raw { "\x{1}RAW:" . $_[0] }

sub enc
{
	my ($v) = @_;
	my $t = $JSON->encode($v);
	$t =~ s/"\\u0001RAW:([^"\\]*(?:\\.[^"\\]*)*)"/$1/g;
	return $t;
}

sub deep_nest
{
	my ($depth, $kind) = @_;
	my $t = ($kind ? '{"a":' : '[') x $depth . '1' . ($kind ? '}' : ']') x $depth;
	return raw($t);
}

sub interesting_json
{
	my ($corpus) = @_;
	my $r = rint(20);
	return undef if $r == 0;
	return JSON::PP::true if $r == 1;
	return JSON::PP::false if $r == 2;
	return raw(pick(@NUM_TEXT)) if $r <= 6;
	return odd_string() if $r <= 9;
	return {} if $r == 10;
	return [] if $r == 11;
	return pick([[]], [undef], [1, 2, 3], {'' => undef}, [raw('1e400')], ['a', 'b'],
		[0, 0.5, 1], [[1, 2], [3, 4]], [{}]) if $r == 12;
	return deep_nest(pick(100, 1000, 5000), rint(2)) if $r == 13;
	return [map { raw(pick(@NUM_TEXT)) } 1 .. pick(1, 2, 256, 257, 258, 1000, 100000)] if $r == 14;
	if ($r <= 17 && $corpus && @$corpus)
	{
		# a piece of another document: right shape, wrong place
		my $doc = pick(@$corpus);
		my @p = all_paths($doc);
		return clone(get_at($doc, pick(@p)));
	}
	return raw(sprintf('%.17g', (rand() - 0.5) * 10**rint(12)));
}

# ---------------------------------------------------------------------
# JSON trees: paths, access, mutation
# ---------------------------------------------------------------------

sub clone
{
	my ($v) = @_;
	return $v unless ref $v;
	return [map { clone($_) } @$v] if ref $v eq 'ARRAY';
	return {map { $_ => clone($v->{$_}) } keys %$v} if ref $v eq 'HASH';
	return $v;
}

# every path (list of keys and indexes) to a node, in a stable order; long
# arrays contribute a few elements only, so that structure is not drowned
sub all_paths
{
	my ($v, @prefix) = @_;
	my @out = ([@prefix]);
	if (ref $v eq 'HASH')
	{
		push @out, all_paths($v->{$_}, @prefix, $_) for sort keys %$v;
	}
	elsif (ref $v eq 'ARRAY')
	{
		my @idx = 0 .. $#$v;
		@idx = (0, 1, int(@$v / 2), $#$v) if @$v > 8;
		push @out, all_paths($v->[$_], @prefix, $_) for @idx;
	}
	return @out;
}

sub is_container { ref $_[0] eq 'HASH' || ref $_[0] eq 'ARRAY' }

sub get_at
{
	my ($v, $path) = @_;
	for my $k (@$path)
	{
		return undef unless is_container($v);
		$v = ref $v eq 'HASH' ? $v->{$k} : $v->[$k];
	}
	return $v;
}

# sets (or with $delete removes) the node at a path; returns the new root
sub set_at
{
	my ($root, $path, $new, $delete) = @_;
	return $delete ? {} : $new unless @$path;
	my $parent = get_at($root, [@$path[0 .. $#$path - 1]]);
	my $k = $path->[-1];
	return $root unless is_container($parent);
	if (ref $parent eq 'HASH')
	{
		if ($delete) { delete $parent->{$k} } else { $parent->{$k} = $new }
	}
	elsif (ref $parent eq 'ARRAY')
	{
		if ($delete) { splice(@$parent, $k, 1) } else { $parent->[$k] = $new }
	}
	return $root;
}

# the keys of objects anywhere in a document, and where they are
sub key_paths
{
	my ($doc) = @_;
	my %by;
	for my $p (all_paths($doc))
	{
		next unless @$p && $p->[-1] !~ /^\d+$/;
		push @{$by{$p->[-1]}}, $p;
	}
	return \%by;
}

sub strings_of
{
	my ($v, $acc) = @_;
	if (ref $v eq 'HASH') { strings_of($v->{$_}, $acc) for sort keys %$v }
	elsif (ref $v eq 'ARRAY') { strings_of($_, $acc) for @$v }
	elsif (defined $v && !ref $v && $v !~ /^-?[\d.eE+]+$/ && length($v) < 40) { $acc->{$v} = 1 }
	return $acc;
}

sub is_num { defined $_[0] && !ref $_[0] && $_[0] =~ /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/ }

# one mutation of the node at $path; returns (new root, description)
sub mutate_node
{
	my ($root, $path, $corpus, $dict, $string_mutator) = @_;
	my $v = get_at($root, $path);
	my $where = '/' . join('/', @$path);
	my $r = rint(100);

	if ($r < 12 && @$path)
	{
		return (set_at($root, $path, undef, 1), "delete $where");
	}
	if ($r < 40)
	{
		my $new = interesting_json($corpus);
		return (set_at($root, $path, $new, 0), "set $where = " . short(enc($new)));
	}
	if (ref $v eq 'ARRAY')
	{
		my $n = @$v;
		my $op = rint(11);
		my @a = @$v;
		my $d;
		if ($op >= 9 && $n)
		{
			# an extreme tail or head: a grid of quantiles stays sorted
			my $big = pick(qw(1e6 1e9 2147483647 2147483648 4294967296 1e15 1e19 1e300 1.7976931348623157e308));
			my $i = rint($n);
			if ($op == 9) { $a[$_] = raw($big) for $i .. $n - 1; $d = "elements $i.. = $big" }
			else { $a[$_] = raw("-$big") for 0 .. $i; $d = "elements ..$i = -$big" }
		}
		elsif ($op == 0) { @a = @a[0 .. rint($n + 1) - 1]; $d = 'truncate to ' . scalar(@a) }
		elsif ($op == 1) { push @a, ($n ? clone($a[-1]) : 1); $d = 'one more element' }
		elsif ($op == 2) { @a = reverse @a; $d = 'reverse' }
		elsif ($op == 3) { for my $i (reverse 1 .. $#a) { my $j = rint($i + 1); @a[$i, $j] = @a[$j, $i] } $d = 'shuffle' }
		elsif ($op == 4 && $n) { my $e = $a[rint($n)]; @a = map { clone($e) } 1 .. pick($n, 2 * $n, 5000); $d = 'all elements equal, ' . scalar(@a) }
		elsif ($op == 5 && $n) { my $i = rint($n); $a[$i] = interesting_json($corpus); $d = "element $i = " . short(enc($a[$i])) }
		elsif ($op == 6) { @a = ([@a]); $d = 'nested in an array' }
		elsif ($op == 7) { my %h; $h{$_} = $a[$_] for 0 .. $#a; return (set_at($root, $path, \%h, 0), "array $where as an object") }
		else { @a = (@a, @a); $d = 'doubled' }
		return (set_at($root, $path, \@a, 0), "$where: $d");
	}
	if (ref $v eq 'HASH')
	{
		my @k = sort keys %$v;
		my $op = rint(6);
		if ($op == 0) { return (set_at($root, $path, {}, 0), "$where = {}") }
		if ($op == 1 || !@$path && chance(0.5))
		{
			my $k = pick(@{$dict->{keys}}, 'x');
			$v->{$k} = chance(0.3) && exists $v->{$k} ? clone($v->{$k}) : interesting_json($corpus);
			return ($root, "$where: add key \"$k\" = " . short(enc($v->{$k})));
		}
		if ($op == 2 && @k) { my $k = pick(@k); my $k2 = pick(@{$dict->{keys}}, @{$dict->{strings}}, 'y'); $v->{$k2} = delete $v->{$k}; return ($root, "$where: rename \"$k\" to \"$k2\"") }
		if ($op == 3) { return (set_at($root, $path, [map { $v->{$_} } @k], 0), "object $where as an array") }
		if ($op == 4 && @k) { my $k = pick(@k); $v->{$k . pick(' ', "\x{1}x", 'X')} = delete $v->{$k}; return ($root, "$where: key \"$k\" respelled") }
		return (set_at($root, $path, interesting_json($corpus), 0), "replace object $where");
	}
	if (is_num($v))
	{
		my $op = rint(10);
		my $new;
		if ($op == 0) { $new = $v + 1 }
		elsif ($op == 1) { $new = $v - 1 }
		elsif ($op == 2) { $new = -$v }
		elsif ($op == 3) { $new = raw("${v}e300") if $v !~ /[eE]/; $new //= raw('1e300') }
		elsif ($op == 4) { $new = raw(sprintf('%.17g', $v * 1e6)) }
		elsif ($op == 5) { $new = "$v" }
		elsif ($op == 6) { $new = int($v) }
		elsif ($op == 7) { $new = raw(pick(@NUM_TEXT)) }
		elsif ($op == 8) { $new = $v ? 0 : 1 }
		else { $new = pick('NaN', 'Infinity', '-Infinity') }
		return (set_at($root, $path, $new, 0), "number $where = " . short(enc($new)));
	}
	if (defined $v && !ref $v)
	{
		my $op = rint(6);
		my $new;
		if ($op <= 2 && $string_mutator) { $new = $string_mutator->($v) }
		elsif ($op <= 3 && @{$dict->{strings}}) { $new = pick(@{$dict->{strings}}) }
		elsif ($op == 4) { $new = $v . odd_string() }
		else { $new = is_num($v) ? raw($v) : raw(pick(@NUM_TEXT)) }
		return (set_at($root, $path, $new, 0), "string $where = " . short(enc($new)));
	}
	# booleans, null
	my $new = interesting_json($corpus);
	return (set_at($root, $path, $new, 0), "$where = " . short(enc($new)));
}

sub short
{
	my ($t) = @_;
	return length($t) > 80 ? substr($t, 0, 60) . "... (" . length($t) . " chars)" : $t;
}

# the strings and the object keys of a corpus (computed once per corpus)
my %DICT_CACHE;

sub corpus_dict
{
	my ($corpus, $name) = @_;
	my $key = $name // '';
	delete $DICT_CACHE{''};
	return $DICT_CACHE{$key} //= do {
		my %strings;
		strings_of($_, \%strings) for @$corpus;
		my %keys;
		for my $c (@$corpus) { $keys{$_} = 1 for keys %{key_paths($c)} }
		{strings => [sort keys %strings], keys => [sort keys %keys]};
	};
}

# 1-4 stacked mutations of a document; returns (document, description)
sub mutate_doc
{
	my ($doc, $corpus, $string_mutator, $corpus_name) = @_;
	$doc = clone($doc);
	my $dict = corpus_dict($corpus, $corpus_name);
	if (chance(0.03))
	{
		my $new = pick({}, [], undef, 'x', raw('1'), raw('1e400'), deep_nest(3000, 1), JSON::PP::true);
		return ($new, 'whole document = ' . short(enc($new)));
	}
	my @desc;
	my $n = 1 + (chance(0.5) ? 0 : rint(4));
	for (1 .. $n)
	{
		my $path;
		my $by = key_paths($doc);
		my @keys = sort keys %$by;
		my $r = rand();
		my @numeric = grep {
			my $p = $by->{$_}[0];
			my $v = get_at($doc, $p);
			ref $v eq 'ARRAY' && @$v && is_num($v->[0]) || is_num($v);
		} @keys;
		if ($r < 0.3 && @keys)
		{
			# a named field somewhere: the most productive choice
			my $k = pick(@keys);
			$path = pick(@{$by->{$k}});
		}
		elsif ($r < 0.55 && @numeric)
		{
			# a named number or grid of numbers: extremes, wrong lengths,
			# unsorted grids; a grid gets a tail or head of extremes (it
			# stays sorted, so only the extremes are new) half the time
			my $k = pick(@numeric);
			$path = pick(@{$by->{$k}});
			my $v = get_at($doc, $path);
			if (ref $v eq 'ARRAY' && chance(0.5))
			{
				my $big = pick(qw(1e6 1e9 2147483647 2147483648 4294967296 1e15 1e19 1e300 1.7976931348623157e308));
				my $n = @$v;
				my $i = rint($n);
				my @a = @$v;
				my $d;
				if (chance(0.6)) { $a[$_] = raw($big) for $i .. $n - 1; $d = "elements $i.. = $big" }
				else { $a[$_] = raw("-$big") for 0 .. $i; $d = "elements ..$i = -$big" }
				$doc = set_at($doc, $path, \@a, 0);
				push @desc, '/' . join('/', @$path) . ": $d";
				next;
			}
		}
		elsif ($r < 0.8)
		{
			# a random descent: each level as likely as the next
			$path = [];
			my $v = $doc;
			while (is_container($v) && (ref $v eq 'HASH' ? %$v : @$v) && (!@$path || !chance(0.2)))
			{
				my $k = ref $v eq 'HASH' ? pick(sort keys %$v) : rint(scalar @$v);
				push @$path, $k;
				$v = ref $v eq 'HASH' ? $v->{$k} : $v->[$k];
			}
		}
		else
		{
			$path = pick(all_paths($doc));
		}
		my $d;
		($doc, $d) = mutate_node($doc, $path, $corpus, $dict, $string_mutator);
		push @desc, $d;
	}
	return ($doc, join('; ', @desc));
}

# ---------------------------------------------------------------------
# rule expressions: text mutations
# ---------------------------------------------------------------------

my @FAMILIES;		# sampling families (from the catalog)
my @FAKE_KINDS;		# fake-value kinds (from synth_fake_kinds())
my @RULE_FUNCS = qw(choice fake pattern seq round floor ceil abs least greatest
	coalesce lower upper length sentence email first_name city);
my @RULE_TOKENS = ('(', ')', '((', '))', "'", "''", ',', ':', '::', '+', '-', '*', '/', '%',
	'||', ' = ', ' <> ', ' AND ', ' OR ', 'NOT ', 'CASE WHEN ', ' THEN ', ' ELSE ', ' END',
	' days', ' months', ' years', ' seconds', 'NULL', 'TRUE', 'date ', "date '2024-02-30'",
	"timestamp 'infinity'", "interval '1000000000 years'", '"', '""', 'id', 'qty', 'amount',
	'placed', '1e999', '-1e999', '9223372036854775808', '0.0', '/ 0', '% 0', '.', 'e', '$',
	' ', '  ');

sub random_rule_expr
{
	my ($depth) = @_;
	$depth //= 0;
	my $r = rint(10);
	return pick(@NUM_TEXT) if $r < 3 || $depth > 3;
	return "'" . pick('a', '', 'x y', "\x{1F600}", "it''s") . "'" if $r == 3;
	my $f = chance(0.7) ? pick(@FAMILIES, @RULE_FUNCS) : pick(@FAKE_KINDS, 'bogus', 'normal_', 'NORMAL', '');
	my @args = map { random_rule_expr($depth + 1) } 1 .. rint(6);
	if ($f eq 'choice' && chance(0.5))
	{
		@args = map { "'" . pick('a', 'b', '') . "': " . pick(@NUM_TEXT) } 1 .. rint(5);
	}
	return "$f(" . join(', ', @args) . ")";
}

sub mutate_rule_text
{
	my ($s) = @_;
	my $n = 1 + rint(3);
	for (1 .. $n)
	{
		my $len = length($s);
		my $pos = rint($len + 1);
		my $r = rint(12);
		if ($r == 0) { substr($s, $pos, 0) = pick(@RULE_TOKENS) }
		elsif ($r == 1 && $len) { substr($s, $pos, 1 + rint(5)) = '' }
		elsif ($r == 2) { $s = substr($s, 0, $pos) }
		elsif ($r == 3 && $len) { my $p2 = rint($len); $s .= substr($s, $p2, 1 + rint(10)) }
		elsif ($r == 4) { $s =~ s/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/pick(@NUM_TEXT)/ie }
		elsif ($r == 5) { my $f = pick(@FAMILIES, @RULE_FUNCS, 'bogus'); $s =~ s/[a-z_]+\(/$f(/ }
		elsif ($r == 6) { my $d = pick(2, 50, 1000, 20000); $s = '(' x $d . $s . ')' x $d }
		elsif ($r == 7) { substr($s, $pos, 0) = pick(@ODD_CHARS) }
		elsif ($r == 8) { $s .= pick(')', '(', "'", ',') }
		elsif ($r == 9) { $s = random_rule_expr() }
		elsif ($r == 10) { $s = "$s " . pick('+', '*', '||', '-', 'AND', '=') . ' ' . random_rule_expr(2) }
		else { $s =~ s/\(([^()]*)\)/'(' . join(', ', map { pick(@NUM_TEXT) } 1 .. rint(5)) . ')'/e }
	}
	return $s;
}

# ---------------------------------------------------------------------
# SQL text
# ---------------------------------------------------------------------

sub dq
{
	my ($text, $base) = @_;
	my $tag = $base;
	my $i = 0;
	$tag = $base . ++$i while index($text, "\$$tag\$") >= 0 || $text =~ /\$\Q$tag\E$/;
	return "\$$tag\$$text\$$tag\$";
}

sub jlit { dq(enc($_[0]), 'j') . '::jsonb' }
sub jtext { dq($_[0], 'j') . '::jsonb' }
sub lit { my ($s) = @_; return 'NULL' unless defined $s; $s =~ s/'/''/g; $s =~ s/\x{0}//g; return "'$s'" }

# ---------------------------------------------------------------------
# setup
# ---------------------------------------------------------------------

my %T;		# targets: name => {gen => sub, ...}
my @TARGET_ORDER;
my %CORPUS;

sub setup
{
	super_sql('postgres', <<"SQL");
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $DB;
DO \$\$BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$ROLE') THEN
        CREATE ROLE $ROLE LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE;
    END IF;
END\$\$;
CREATE DATABASE $DB;
SQL
	super_sql($DB, <<"SQL");
SET client_min_messages = warning;
CREATE EXTENSION synthdata;
CREATE SCHEMA fz AUTHORIZATION $ROLE;
-- a table the role may not read
CREATE TABLE fz.fz_secret (a int, b text);
INSERT INTO fz.fz_secret VALUES (1, 'x');
SQL
	my $setup = do { local (@ARGV, $/) = ("$ROOT/test/fuzz/setup.sql"); <> };
	role_sql($setup);
	role_sql(<<'SQL');
-- runs one case: its statement in a subtransaction that is always rolled
-- back (FZ000 after success); returns 'ok' or the SQLSTATE and message
CREATE FUNCTION fz.fz_try(q text, gucs text[] DEFAULT '{}') RETURNS text
LANGUAGE plpgsql AS $fz$
DECLARE
    st text;
    msg text;
    det text;
BEGIN
    BEGIN
        FOR i IN 1 .. coalesce(array_length(gucs, 1), 0) / 2 LOOP
            PERFORM set_config(gucs[2 * i - 1], gucs[2 * i], true);
        END LOOP;
        EXECUTE q;
        RAISE EXCEPTION USING ERRCODE = 'FZ000';
    EXCEPTION
        WHEN query_canceled THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
            RETURN st || ' ' || translate(msg, E'\n\r', '  ');
        WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT,
                                    det = PG_EXCEPTION_DETAIL;
            IF st = 'FZ000' THEN
                RETURN 'ok';
            END IF;
            RETURN st || ' ' || translate(msg || coalesce(' | ' || nullif(det, ''), ''),
                                          E'\n\r', '  ');
    END;
END
$fz$;
SQL

	# the corpus of valid models
	my @fits = (['fz_all', '{}'], ['fz_all', '{"k": 2, "category_cap": 8}'],
		['fz_people', '{}'], ['fz_people', '{"k": 3, "columns": {"city": {"role": "attribute"}}}'],
		['fz_docs', '{"k": 3}'], ['fz_small', '{"k": 2}']);
	for my $f (@fits)
	{
		my $m = role_sql("SELECT synth_fit('$f->[0]', '$f->[1]');");
		$m =~ s/^(?:SET\n)*//;
		push @{$CORPUS{models}}, {table => $f->[0], doc => $JSON_IN->decode(Encode::encode('UTF-8', $m))};
	}

	@FAMILIES = split /\n/, role_sql(<<'SQL');
SELECT DISTINCT substr(proname, 14) FROM pg_proc
WHERE proname LIKE 'synth\_random\_%' ORDER BY 1;
SQL
	@FAKE_KINDS = split /\n/, role_sql("SELECT kind FROM synth_fake_kinds() ORDER BY 1;");
}

# ---------------------------------------------------------------------
# the targets
# ---------------------------------------------------------------------

sub add_target
{
	my ($name, $gen, %o) = @_;
	push @TARGET_ORDER, $name;
	$T{$name} = {name => $name, gen => $gen, %o};
}

sub pick_model
{
	my ($tables) = @_;
	my @m = grep { my $t = $_->{table}; !$tables || grep { $_ eq $t } @$tables } @{$CORPUS{models}};
	return pick(@m);
}

sub mutated_model
{
	my ($tables, $k) = @_;
	my $m = pick_model($tables);
	return ($m, $m->{doc}, "model of $m->{table} unchanged") if defined $k && $k == 0;
	my ($doc, $d) = mutate_doc($m->{doc}, [map { $_->{doc} } @{$CORPUS{models}}], \&mutate_rule_text, 'models');
	return ($m, $doc, "model of $m->{table}: $d");
}

sub model_targets
{
	my @tables = qw(fz_all fz_people fz_docs fz_small);
	add_target('model/synth_sample', sub {
		my ($m, $doc, $d) = mutated_model(undef, $_[0]);
		my $t = chance(0.8) ? $m->{table} : pick(@tables);
		my $n = pick(0, 1, 5, 20, 50);
		my $start = chance(0.8) ? 0 : pick(1, 1000, 4611686018427387904, 9223372036854775000);
		return ("SELECT count(*) FROM synth_sample(NULL::$t, " . jlit($doc) . ", $n, " . rint(1000) . ", $start)", "$d; sampled as $t");
	});
	add_target('model/_synth_sample', sub {
		my ($m, $doc, $d) = mutated_model(undef, $_[0]);
		my $t = chance(0.8) ? $m->{table} : pick(@tables);
		my $guard = pick(0, -1, 1, 12345, -2);
		return ("SELECT count(*) FROM _synth_sample(NULL::$t, " . jlit($doc) . ", 10, 7, 0, $guard)", "$d; guard $guard; sampled as $t");
	});
	add_target('model/synth_impute', sub {
		my ($m, $doc, $d) = mutated_model([qw(fz_all fz_people)], $_[0]);
		my $t = chance(0.85) ? $m->{table} : pick(qw(fz_all fz_people));
		my $opts = {model => $doc};
		$opts->{draw} = JSON::PP::false if chance(0.3);
		$opts->{condition_on_nulls} = JSON::PP::true if chance(0.3);
		return ("SELECT count(*) FROM synth_impute(NULL::$t, 'model', " . jlit($opts) . ", 3)", "$d; imputing $t");
	});
	add_target('model/synth_impute_update', sub {
		my ($m, $doc, $d) = mutated_model([qw(fz_people)], $_[0]);
		my $cols = pick('NULL', "'{income,score}'", "'{joined}'", "'{active}'");
		return ("SELECT synth_impute_update('fz_people', $cols, 'model', " . jlit({model => $doc}) . ", 3)", "$d; columns $cols");
	});
	my %conditions = (fz_all => [{t => 'red'}, {b => JSON::PP::true}, {m => 'ok'}],
		fz_people => [{grp => 'a'}, {city => 'Oslo', grp => 'b'}, {active => JSON::PP::false}],
		fz_docs => [{tags => '{red,x}'}], fz_small => [{z => 'z1'}]);
	add_target('model/synth_augment', sub {
		my ($m, $doc, $d) = mutated_model(undef, $_[0]);
		my $t = chance(0.85) ? $m->{table} : pick(@tables);
		my $opts = {model => $doc};
		$opts->{condition} = pick(@{$conditions{$t}}) if chance(0.25);
		return ("SELECT count(*) FROM synth_augment(NULL::$t, " . pick(1, 10, 30) . ", 'model', " . jlit($opts) . ", 3)", "$d; augmenting $t");
	});
}

# rule sets that synth_rows accepts as they are (checked by the first case
# of each rules target: its case 0 is the unmutated set)
sub base_rules
{
	return (
		{table => 'fz_orders', rules => {
			status => "choice('paid': 8, 'new': 1, 'cancelled': 1)",
			customer_id => {fanout => 'zipf(1.2)'},
			amount => 'round(lognormal(3, 1), 2)',
			qty => 'int(1, 10)',
			placed => "timestamptz '2024-01-01 00:00+00' + uniform(0, 90) days",
			shipped => {value => 'placed + round(uniform(1, 10)) days', null => 0.2},
			code => {value => "pattern('AA-9999')", unique => JSON::PP::true},
			note => {value => 'sentence()', null => 0.5},
			mood => ['sad', 'ok'],
		}},
		{table => 'fz_all', rules => {
			i4 => 'poisson(3)',
			i8 => 'seq(1000, 7)',
			f8 => 'normal(0, 1)',
			n => 'least(greatest(normal(5, 2), 0), 99)',
			d => "date '2024-01-01' + int(0, 30) days",
			t => "case when i4 > 2 then 'a' else 'b' end",
			iv => "interval '1 day' * uniform(1, 5)",
			vc => "upper(pattern('aaa'))",
			note => "coalesce(NULL, t || '-' || vc)",
			email => 'email()',
			ts => "timestamp '2024-01-01' + seq(0, 3600) seconds",
			b => 'uniform(0, 1) < 0.5',
			m => "choice('sad': 1, 'happy': 2)",
			i2 => {value => 'binomial(10, 0.5)', null => 0.1},
			f4 => 'beta(2, 5) * 10',
			pct => 'triangular(0, 50, 100)',
		}},
		{table => 'fz_people', rules => {
			name => 'full_name()',
			email => 'email()',
			city => "city('de')",
			grp => "choice('a', 'b', 'c')",
			age => 'round(truncnormal(40, 10, 0, 120))',
			income => 'round(gamma(2, 20000), 2)',
			score => {value => 'weibull(1.5, 50)', null => 0.3},
			joined => "date '2015-01-01' + geometric(0.01) days",
			active => JSON::PP::true,
			mood => "choice('ok': 0.5, 'sad': 0.5)",
		}},
		{table => 'fz_all', rules => {
			i4 => 'seq(0) % 5',
			i8 => 'floor(seq(0) / 5)',
			f8 => q{series('{"ar": [0.7], "seasonality": [{"period": 7}], "missing": {"rate": 0.1}}', i8, i4)},
			n => q{round(series('{"trend": {"slope": 0.1}, "garch": {}}'), 2)},
		}},
		{table => 'fz_customers', rules => {
			id => {value => 'seq(1000)', unique => JSON::PP::true},
			name => "fake('full_name', 'de')",
			email => {value => 'email()', unique => JSON::PP::true},
			born => "date '1960-01-01' + zipf(1000, 1.1) days",
		}},
	);
}

sub mutated_rules
{
	my ($k, $tables) = @_;
	my @b = grep { my $t = $_->{table}; !$tables || grep { $_ eq $t } @$tables } base_rules();
	my $b = pick(@b);
	return ($b, $b->{rules}, "rules of $b->{table} unchanged") if $k == 0;
	my ($doc, $d) = mutate_doc($b->{rules}, [map { $_->{rules} } base_rules()], \&mutate_rule_text, 'rules');
	return ($b, $doc, "rules of $b->{table}: $d");
}

sub rules_targets
{
	add_target('rules/synth_rows', sub {
		my ($k) = @_;
		my ($b, $doc, $d) = mutated_rules($k);
		return ("SELECT count(*) FROM synth_rows(NULL::$b->{table}, 20, " . jlit($doc) . ", 5)", $d);
	});
	add_target('rules/synth_fill', sub {
		my ($k) = @_;
		my ($b, $doc, $d) = mutated_rules($k, [qw(fz_orders fz_customers fz_people)]);
		return ("SELECT synth_fill('$b->{table}', 15, " . jlit($doc) . ", 5)", $d);
	});
	add_target('rules/synth_fill_schema', sub {
		my ($k) = @_;
		my ($b, $doc, $d) = mutated_rules($k, [qw(fz_orders fz_customers)]);
		my $counts = {fz_customers => 5, fz_orders => 10};
		my $rules = {$b->{table} => $doc};
		my $d2 = '';
		if ($k && chance(0.4))
		{
			($counts, $d2) = mutate_doc($counts, [$counts, {fz_people => 3, fz_all => 1}]);
			$d2 = "; counts: $d2";
		}
		return ("SELECT count(*) FROM synth_fill_schema(" . jlit($counts) . ", " . jlit($rules) . ", 5)", "$d$d2");
	});
}

# options that each function accepts (case 0 of each target: unmutated)
my %BASE_OPTIONS = (
	fit => [{}, {k => 3, category_cap => 20, sample_percent => 80, copula => JSON::PP::false},
		{columns => {email => {role => 'pii', pii_kind => 'email'}, grp => {role => 'attribute'},
			id => {role => 'key'}, name => {role => 'identifier'}}},
		{exact_copy_guard => JSON::PP::false, k => 1}],
	evaluate => [{}, {ignore => ['name', 'email'], holdout => 'fz_holdout', seed => 1, dcr_rows => 100,
			reference_rows => 100, max_rows => 1000},
		{pair_threshold => JSON::PP::true, correlation_threshold => 0.5, association_threshold => 0.3},
		{ignore => 'phone', seed => 7}],
	impute => {
		mean => [{}], median => [{}], mode => [{}],
		model => [{}, {draw => JSON::PP::false, condition_on_nulls => JSON::PP::true},
			{fit => {k => 3, copula => JSON::PP::true}}],
		regression => [{ridge => 0.01, max_levels => 8}],
		knn => [{k => 3, donors => 100}],
	},
	augment => {
		model => [{}, {condition => {grp => 'a'}}, {fit => {k => 5}}],
		noise => [{scale => 0.2, flip => 0.1}],
		smote => [{label => 'grp', k => 3, balance => JSON::PP::true}, {label => 'grp', class => 'b'}],
	},
);

sub all_option_docs
{
	my @all = (@{$BASE_OPTIONS{fit}}, @{$BASE_OPTIONS{evaluate}});
	for my $g (qw(impute augment))
	{
		push @all, @{$BASE_OPTIONS{$g}{$_}} for sort keys %{$BASE_OPTIONS{$g}};
	}
	return \@all;
}

sub mutated_options
{
	my ($k, $bases) = @_;
	my $b = pick(@$bases);
	return ($b, 'options unchanged') if $k == 0;
	my ($doc, $d) = mutate_doc($b, all_option_docs(), \&mutate_rule_text, 'options');
	return ($doc, "options " . short(enc($b)) . ": $d");
}

sub method_and_options
{
	my ($k, $group) = @_;
	my $methods = $BASE_OPTIONS{$group};
	my $m = pick(sort keys %$methods);
	my ($doc, $d) = mutated_options($k, $methods->{$m});
	if ($k && chance(0.08))
	{
		$m = pick('', 'MODEL', 'bogus', "model\x{0}x", 'kNN', "\x{1F600}", 'A' x 1000);
		$d .= "; method " . short($m);
	}
	return ($m, $doc, "method $m; $d");
}

# the table a case of fit options works on: options naming columns go with
# the table that has them, mostly
sub fit_table
{
	my ($doc) = @_;
	return 'fz_people' if ref $doc eq 'HASH' && $doc->{columns} && chance(0.8);
	return pick(qw(fz_all fz_people fz_docs fz_small fz_people_view fz_empty));
}

sub options_targets
{
	add_target('options/synth_fit', sub {
		my ($k) = @_;
		my ($doc, $d) = mutated_options($k, $BASE_OPTIONS{fit});
		my $t = fit_table($doc);
		return ("SELECT length(synth_fit('$t', " . jlit($doc) . ")::text)", "$d; table $t");
	});
	add_target('options/synth_clone', sub {
		my ($k) = @_;
		my ($doc, $d) = mutated_options($k, $BASE_OPTIONS{fit});
		my $t = fit_table($doc);
		return ("SELECT count(*) FROM synth_clone(NULL::$t, 20, " . jlit($doc) . ", 1)", "$d; table $t");
	});
	add_target('options/synth_clone_text', sub {
		my ($k) = @_;
		my ($doc, $d) = mutated_options($k, $BASE_OPTIONS{fit});
		my $t = fit_table($doc);
		return ("SELECT count(*) FROM synth_clone('$t'::text, 20, " . jlit($doc) . ", 1)", "$d; table $t");
	});
	add_target('options/synth_clone_table', sub {
		my ($k) = @_;
		my ($doc, $d) = mutated_options($k, $BASE_OPTIONS{fit});
		my $t = fit_table($doc);
		return ("SELECT synth_clone_table('$t', 'fz_clone_target', " . pick('NULL', 0, 20) . ", " . jlit($doc) . ", 1)", "$d; table $t");
	});
	my @pairs = (['fz_people', 'fz_people_copy'], ['fz_all', 'fz_all'], ['fz_docs', 'fz_docs'],
		['fz_people', 'fz_people_view'], ['fz_small', 'fz_small']);
	for my $f (qw(synth_evaluate synth_report))
	{
		add_target("options/$f", sub {
			my ($k) = @_;
			my ($doc, $d) = mutated_options($k, $BASE_OPTIONS{evaluate});
			my $p = chance(0.6) ? $pairs[0] : pick(@pairs);
			my $call = "$f('$p->[0]', '$p->[1]', " . jlit($doc) . ")";
			my $sql = $f eq 'synth_report' ? "SELECT length($call)" : "SELECT count(*) FROM $call";
			return ($sql, "$d; tables $p->[0], $p->[1]");
		});
	}
	add_target('options/synth_impute', sub {
		my ($k) = @_;
		my ($m, $doc, $d) = method_and_options($k, 'impute');
		my $t = pick(qw(fz_people fz_all fz_docs fz_small));
		return ("SELECT count(*) FROM synth_impute(NULL::$t, " . lit($m) . ", " . jlit($doc) . ", 1)", "$d; table $t");
	});
	add_target('options/synth_impute_update', sub {
		my ($k) = @_;
		my ($m, $doc, $d) = method_and_options($k, 'impute');
		my $cols = pick('NULL', "'{income,score}'", "'{joined,active}'", "'{mood}'");
		return ("SELECT synth_impute_update('fz_people', $cols, " . lit($m) . ", " . jlit($doc) . ", 1)", "$d; columns $cols");
	});
	add_target('options/synth_augment', sub {
		my ($k) = @_;
		my ($m, $doc, $d) = method_and_options($k, 'augment');
		my $t = pick(qw(fz_people fz_people fz_all fz_small));
		my $n = chance(0.15) ? 'NULL' : pick(1, 10, 40);
		return ("SELECT count(*) FROM synth_augment(NULL::$t, $n, " . lit($m) . ", " . jlit($doc) . ", 1, 0)", "$d; table $t, n $n");
	});
}

# ---------------------------------------------------------------------
# every function of the extension, by argument type
# ---------------------------------------------------------------------

my @TABLES = qw(fz_all fz_people fz_docs fz_small fz_empty fz_orders fz_customers fz_people_view);

sub rand_float_text
{
	return pick('0', '-0', '1', '-1', '0.5', '2', '10', '100', '1e-300', '5e-324', '1e300',
		'1.7976931348623157e308', 'NaN', 'Infinity', '-Infinity', '0.999999', '1e-9', '-1e9')
		if chance(0.6);
	return sprintf('%.6g', (rand() - 0.3) * 10**rint(6));
}

sub rand_int_text
{
	my ($bits, $name) = @_;
	$name //= '';
	if ($name =~ /^(n|size|rows|count)$/ || $name =~ /^n_/)
	{
		return pick(0, 1, 2, 5, 10, 50) if chance(0.9);
		return pick(-1, 1000, 100000, 2147483647, '9223372036854775807');
	}
	return pick(0, 1, 1000, -1, 4611686018427387904, '9223372036854775807') if $name eq 'start';
	my @v = (0, 1, -1, 2, 3, 5, 10, 100, 1000, 2147483647, -2147483648, 65536);
	push @v, ('9223372036854775807', '-9223372036854775808', 4294967296, 4611686018427387904) if $bits == 64;
	return pick(@v) if chance(0.7);
	return rint(200) - 20;
}

sub rand_array_text
{
	my ($elem) = @_;
	my $r = rint(10);
	if ($r == 0) { return "'{}'" }
	my @dims;
	if ($r <= 4) { @dims = (pick(1, 2, 3, 5, 10, 257, 2000)) }
	elsif ($r <= 8) { my $a = pick(1, 2, 3, 4, 6, 40); @dims = ($a, chance(0.7) ? $a : pick(1, 2, 5)) }
	else { @dims = (2, 2, pick(1, 2)) }
	my $build;
	$build = sub {
		my @d = @_;
		if (@d == 1)
		{
			return '{' . join(',', map { chance(0.08) ? 'NULL' : $elem->() } 1 .. $d[0]) . '}';
		}
		return '{' . join(',', map { $build->(@d[1 .. $#d]) } 1 .. $d[0]) . '}';
	};
	my $t = $build->(@dims);
	$t = '[0:' . ($dims[0] - 1) . ']=' . $t if chance(0.05) && @dims == 1;
	return "'$t'";
}

sub rand_corr_text
{
	# a symmetric matrix with a unit diagonal, most of the time
	my $n = pick(1, 2, 3, 4, 8, 30);
	my @m;
	for my $i (0 .. $n - 1)
	{
		for my $j (0 .. $n - 1)
		{
			$m[$i][$j] = $i == $j ? 1 : $j < $i ? $m[$j][$i] : sprintf('%.3f', rand() * 2 - 1);
		}
	}
	$m[rint($n)][rint($n)] = rand_float_text() if chance(0.3);
	return "'{" . join(',', map { '{' . join(',', @$_) . '}' } @m) . "}'";
}

my @ARG_DESC;	# what the jsonb arguments of a case are

# valid components of synth_timeseries / synth_timeseries_multi, mutated by the fn/ targets
my @TS_COMPONENTS = (
	{ar => [0.5, 0.3], ma => [0.2], sd => 2, level => 1},
	{trend => {type => 'piecewise', slope => 0.1, changepoints => [{at => 10, slope => -1}, {at => 20, slope => 0}]},
		seasonality => [{period => 24, amplitude => 3, phase => 1}, {period => 168}]},
	{trend => {type => 'logistic', capacity => 10, growth => 0.5, midpoint => 50},
		garch => {omega => 0.1, alpha => 0.1, beta => 0.8}},
	{level_shifts => {rate => 0.01, sd => 3}, outliers => {rate => 0.05, size => 5},
		missing => {rate => 0.1}, missing_as => 'null'},
	{series => [{ar => [0.9]}, {garch => {}}, {}],
		correlation => [[1, 0.5, 0], [0.5, 1, 0.2], [0, 0.2, 1]], missing_as => 'skip'},
);

sub arg_value
{
	my ($fn, $type, $name, $strict) = @_;
	$name //= '';
	return 'NULL' if chance($strict ? 0.03 : 0.08);
	if ($type eq 'bigint') { return rand_int_text(64, $name) . '::bigint' }
	if ($type eq 'integer') { return rand_int_text(32, $name) . '::integer' }
	if ($type eq 'double precision')
	{
		return lit(rand_float_text()) . '::double precision';
	}
	if ($type eq 'boolean') { return pick('true', 'false') }
	if ($type eq 'double precision[]')
	{
		return rand_corr_text() . '::double precision[]' if $fn =~ /nearest_correlation|mvnormal/ && chance(0.6);
		return rand_array_text(\&rand_float_text) . '::double precision[]';
	}
	if ($type eq 'bigint[]')
	{
		return rand_array_text(sub { chance(0.8) ? rint(50) : rand_int_text(64) }) . '::bigint[]';
	}
	if ($type eq 'boolean[]') { return rand_array_text(sub { pick('t', 'f') }) . '::boolean[]' }
	if ($type eq 'text[]')
	{
		return pick("'{income,score}'", "'{nonexistent}'", "'{NULL}'", "'{}'", "'{id}'",
			"'{income,income}'", "'{\"\"}'", "'{{income},{score}}'") . '::text[]';
	}
	if ($type eq 'bytea' || $type eq 'bytea[]')
	{
		my @v = map {
			my $b = chance(0.5) && $CORPUS{partials} ? (mutated_partial(rint(4)))[1]
				: join('', map { chr(rint(256)) } 1 .. rint(64));
			"'\\x" . unpack('H*', $b) . "'::bytea"
		} 1 .. ($type eq 'bytea' ? 1 : rint(4));
		return $v[0] if $type eq 'bytea';
		return 'ARRAY[' . join(', ', @v) . ']::bytea[]';
	}
	if ($type eq 'regclass')
	{
		return pick(map({ "'$_'" } @TABLES), "'fz_secret'", "'fz_seq'", "'fz_people_pkey'",
			"'pg_class'", "'pg_authid'", "'0'", "'4294967295'", "'1259'", "'pg_toast.pg_toast_1255'")
			. '::regclass';
	}
	if ($type eq 'name')
	{
		# schema names (synth_labels): real, missing, odd, empty, too long
		return pick("'public'", "'pg_catalog'", "'pg_toast'", "'no_such_schema'", "'Odd \"Name\"'",
			"''", "'" . ('s' x 200) . "'") . '::name';
	}
	if ($type eq 'regclass[]')
	{
		return 'ARRAY[' . join(', ', map { arg_value($fn, 'regclass', '', 1) } 1 .. 1 + rint(3)) . ']::regclass[]'
			if chance(0.8);
		return pick("'{}'", "ARRAY[NULL]", "'{0}'") . '::regclass[]';
	}
	if ($type eq 'date')
	{
		return pick("'2020-01-01'", "'infinity'", "'-infinity'", "'4713-01-01 BC'", "'5874897-12-31'",
			"'2000-02-29'", "'1970-01-01'") . '::date';
	}
	if ($type eq 'timestamp with time zone')
	{
		return pick("'2020-01-01 00:00+00'", "'infinity'", "'-infinity'", "'4713-01-01 00:00+00 BC'",
			"'294276-12-31 23:59:59+00'", "'epoch'", "'2000-01-01 00:00:00.000001+00'") . '::timestamptz';
	}
	if ($type eq 'timestamp without time zone')
	{
		return pick("'2020-01-01 00:00'", "'infinity'", "'-infinity'", "'4713-01-01 00:00 BC'",
			"'294276-12-31 23:59:59'", "'epoch'", "'2000-01-01 00:00:00.000001'") . '::timestamp';
	}
	if ($type eq 'interval')
	{
		return pick("'1 hour'", "'1 day'", "'1 month'", "'0'", "'-1 hour'", "'1 microsecond'",
			"'178000000 years'", "'1 mon -1 day'", "'-1 mon 40 days'", "'2147483647 days'") . '::interval';
	}
	if ($type eq 'jsonb' && $fn =~ /timeseries/ && chance(0.7))
	{
		my ($doc, $d) = chance(0.2) ? (clone(pick(@TS_COMPONENTS)), 'components unchanged')
			: mutate_doc(pick(@TS_COMPONENTS), \@TS_COMPONENTS, \&mutate_rule_text, 'timeseries');
		push @ARG_DESC, "$name: $d";
		return jlit($doc);
	}
	if ($type eq 'jsonb')
	{
		my $r = rint(4);
		my ($doc, $d);
		if ($r == 0) { (undef, $doc, $d) = mutated_model() }
		elsif ($r == 1) { my $b; ($b, $doc, $d) = mutated_rules(1); $doc = {$b->{table} => $doc} if chance(0.5) }
		elsif ($r == 2) { ($doc, $d) = mutated_options(1, all_option_docs()) }
		else { $doc = interesting_json([map { $_->{doc} } @{$CORPUS{models}}]); $d = 'any JSON' }
		push @ARG_DESC, "$name: $d";
		return jlit($doc);
	}
	if ($type eq 'anyelement')
	{
		return pick(map({ "NULL::$_" } @TABLES), "NULL::fz_all", "NULL::fz_people", '1', "'x'::text",
			'NULL::int', "NULL::fz_mood", "NULL::fz_percent", "ROW(1, 2)");
	}
	if ($type eq 'anyarray')
	{
		return pick(rand_array_text(sub { rint(10) }) . '::int[]',
			rand_array_text(sub { pick('a', 'b', '""', "\x{1F600}") }) . '::text[]',
			"'{}'::int[]", "ARRAY[NULL]::int[]", "'{2020-01-01,infinity}'::date[]",
			"ARRAY[ROW(1, 2)]", "'{{1,2},{3,4}}'::int[]", "'{1.5,NaN}'::numeric[]",
			"ARRAY['sad', 'ok']::fz_mood[]", "'{}'::text[]");
	}
	if ($type eq 'text')
	{
		my @s;
		if ($fn =~ /^synth_(cdf|pmf)$/) { @s = (@FAMILIES, 'normal', 'poisson', 'zipf', 'bogus', '') }
		elsif ($fn =~ /fake/ && $name =~ /kind/) { @s = (@FAKE_KINDS, 'bogus', '') }
		elsif ($name eq 'locale') { @s = ('en', 'de', 'fr', 'es', 'ja', 'zz', '', 'en_US', "\x{1F600}") }
		elsif ($name =~ /pattern/) { @s = ('AA-9999', 'XXX', '', '9' x 200, 'A' x 5000, "\\", "[]", "a{1000000}", "\x{1F600}A") }
		elsif ($fn eq 'synth_clone' || $name eq 'source') { @s = (@TABLES, 'fz.fz_all', '"fz_all"', 'fz_secret', 'pg_class', 'nope', '', 'fz_seq', 'a.b.c.d', '"unterminated') }
		elsif ($name eq 'target') { @s = ('fz_t1', '', 'pg_catalog.pg_class', 'fz_all', 'a"b', 'x' x 100, 'nope.t', 'fz.fz_t2') }
		elsif ($name eq 'method') { @s = ('model', 'mean', 'median', 'mode', 'regression', 'knn', 'noise', 'smote', 'bogus', '') }
		elsif ($name =~ /column/) { @s = ('income', 'grp', 'age', 'id', 'nope', '', 'email', 'first_name', 'phone_number', 'zip') }
		elsif ($fn =~ /kind_of_value|pattern_of/) { @s = ('john@example.com', '555-0100', '10.0.0.1', '', 'AB-1234', "\x{1F600}", 'x' x 10000) }
		else { @s = ('', 'x') }
		return lit(chance(0.8) ? pick(@s) : odd_string()) . '::text';
	}
	return undef;
}

sub fit_state_config
{
	# a configuration in the layout synth_fit writes (pass, columns, caps,
	# guard size, sample size, budget and cut, whole-row flag, dimensions; per
	# column its position, type, value kind, output function, flags,
	# dimensions and mode), for some columns of a table
	my ($cols) = @_;
	my @f;		# [pack format, value, field name]
	my $pass = chance(0.85) ? 1 : pick(2, 3, 0, 4, -1);
	push @f, ['l>', $pass, 'pass'], ['l>', scalar(@$cols), 'ncols'], ['l>', 256, 'freq_cap'],
		['q>', chance(0.8) ? 0 : pick(1024, 4096), 'bloom_bits'], ['l>', 100, 'sample_max'],
		['q>', 1 << 20, 'sample_budget'], ['q>', 0, 'sample_cut'], ['C', 0, 'whole_row'],
		['l>', 0, 'ndims'];
	my $i = 0;
	for my $c (@$cols)
	{
		push @f, ['l>', $i++, 'attidx'], ['l>', $c->{typid}, 'typid'], ['l>', $c->{vk}, 'vk'],
			['l>', $c->{typoutput}, 'typoutput'], ['C', 1, 'in_guard'], ['C', 0, 'guard_restrict'],
			['C', 0, 'in_priority'],
			['C', 0, 'count_only'], ['C', 1, 'count_distinct'], ['C', 0, 'count_children'],
			['l>', -1, 'null_dim'],
			['l>', -1, 'value_dim'], ['l>', 0, 'mode'];
	}
	my @desc;
	my $nmut = rint(4);
	for (1 .. $nmut)
	{
		my $k = rint(scalar @f);
		my $fld = $f[$k];
		my $v = $fld->[0] eq 'C' ? pick(0, 1, 2, 255)
			: $fld->[0] eq 'l>' ? pick(0, 1, -1, 2, 3, 15, 16, 100, 2147483647, -2147483648, 25, 1247)
			: pick(0, 1, -1, 64, 1 << 40, 9223372036854775807);
		$fld->[1] = $v;
		push @desc, "$fld->[2] = $v";
	}
	my $bytes = join('', map { pack($_->[0], $_->[1]) } @f);
	my $r = rint(10);
	if ($r == 0 && length($bytes)) { my $p = rint(length($bytes)); $bytes = substr($bytes, 0, $p); push @desc, "cut at byte $p" }
	elsif ($r == 1) { $bytes .= join('', map { chr(rint(256)) } 1 .. 1 + rint(64)); push @desc, 'trailing bytes' }
	elsif ($r == 2 && length($bytes)) { for (1 .. 1 + rint(8)) { substr($bytes, rint(length($bytes)), 1) = chr(rint(256)) } push @desc, 'random bytes changed' }
	elsif ($r == 3) { $bytes = join('', map { chr(rint(256)) } 1 .. rint(200)); push @desc, 'random bytes' }
	return ('\\x' . unpack('H*', $bytes), join(', ', @desc) || 'valid');
}

my %VK = (int2 => 0, int4 => 1, int8 => 2, float4 => 3, float8 => 4, numeric => 5, date => 6,
	time => 7, timestamp => 8, timestamptz => 9, interval => 10, bool => 11, text => 12,
	varchar => 12, bpchar => 12, uuid => 13, timetz => 15);
my %COLS;	# table => [{name, typid, typoutput, vk}]

sub load_columns
{
	for my $t (qw(fz_all fz_people fz_docs))
	{
		my $out = role_sql(<<"SQL");
SELECT a.attname, a.atttypid::int, t.typoutput::oid::int, t.typname
FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
WHERE a.attrelid = 'fz.$t'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum;
SQL
		for my $l (grep { /\|/ } split /\n/, $out)
		{
			my ($n, $typid, $out_fn, $typname) = split /\|/, $l;
			push @{$COLS{$t}}, {name => $n, typid => $typid, typoutput => $out_fn,
				vk => $VK{$typname} // 14};
		}
	}
}

my @PARALLEL_GUCS;

sub fn_targets
{
	my $out = role_sql(<<"SQL");
SELECT p.proname, p.oid::regprocedure, p.prokind, p.proretset, p.proisstrict,
       has_function_privilege(p.oid, 'EXECUTE'),
       coalesce(array_to_string(ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes) t), ';'), ''),
       coalesce(array_to_string(p.proargnames, ';'), '')
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'synthdata'
ORDER BY p.proname, p.oid::regprocedure::text;
SQL
	my $ver = role_sql("SELECT current_setting('server_version_num')::int;");
	($ver) = $ver =~ /(\d+)\s*$/;
	my $force = $ver >= 160000 ? 'debug_parallel_query' : 'force_parallel_mode';
	@PARALLEL_GUCS = ('parallel_setup_cost', '0', 'parallel_tuple_cost', '0',
		'min_parallel_table_scan_size', '0', 'max_parallel_workers_per_gather', '2', $force, 'on');
	my %seen;
	for my $l (grep { /\|/ } split /\n/, $out)
	{
		my ($name, $sig, $kind, $retset, $strict, $exec, $types, $names) = split /\|/, $l, -1;
		my @types = split /;/, $types;
		my @names = split /;/, $names;
		my $target = "fn/$sig";
		$target =~ s/ //g;
		if ($kind eq 'a' && $name eq 'synth_fit_merge')
		{
			add_target($target, sub { partial_case(1) });
			next;
		}
		if ($kind eq 'a')
		{
			add_target($target, sub { fit_state_case(0) });
			add_target("$target(parallel)", sub { fit_state_case(1) });
			next;
		}
		if (grep { $_ eq 'internal' } @types)
		{
			add_target($target, undef, skip => 'takes internal arguments: not callable from SQL, '
				. 'reached through the fit aggregate');
			next;
		}
		if ($exec ne 't')
		{
			add_target($target, sub { ("SELECT $name(" . join(', ', map { 'NULL' } @types) . ')', 'NULLs') });
			next;
		}
		add_target($target, sub {
			my @a;
			@ARG_DESC = ();
			for my $i (0 .. $#types)
			{
				my $v = arg_value($name, $types[$i], $names[$i], $strict eq 't');
				die "fuzz: no values for type $types[$i] of $sig\n" unless defined $v;
				push @a, $v;
			}
			my $call = "$name(" . join(', ', @a) . ')';
			my $sql = $retset eq 't'
				? "SELECT count(*) FROM (SELECT * FROM $call LIMIT 200) s"
				: "SELECT $call IS NULL";
			return ($sql, join('; ', 'random arguments', @ARG_DESC));
		});
	}
}

# ---------------------------------------------------------------------
# partial fit states (synth_fit_partial / synth_fit_merge)
# ---------------------------------------------------------------------

my @CRC_T = map { my $c = $_; $c = ($c & 1) ? (($c >> 1) ^ 0x82F63B78) : ($c >> 1) for 1 .. 8; $c } 0 .. 255;

sub crc32c
{
	my $c = 0xFFFFFFFF;
	$c = $CRC_T[($c ^ $_) & 0xFF] ^ ($c >> 8) for unpack('C*', $_[0]);
	return $c ^ 0xFFFFFFFF;
}

# a state whose checksum matches its (changed) contents again
sub reseal { my ($b) = @_; return $b if length($b) < 12; substr($b, 8, 4) = pack('N', crc32c(substr($b, 12))); return $b }

sub load_partials
{
	for my $f (['fz_all', '{}'], ['fz_people', '{"category_cap": 8}'], ['fz_small', '{}'], ['fz_docs', '{}'])
	{
		my $h = role_sql("SELECT encode(synth_fit_partial('$f->[0]', '$f->[1]'), 'hex');");
		($h) = $h =~ /([0-9a-f]+)\s*$/;
		push @{$CORPUS{partials}}, {table => $f->[0], opts => $f->[1], bytes => pack('H*', $h)} if $h;
	}
}

# a state mutated: bytes changed, cut, grown, fields set to extremes,
# resealed with a valid checksum (forged) most of the time
sub mutated_partial
{
	my ($k) = @_;
	my $p = pick(@{$CORPUS{partials}});
	my $b = $p->{bytes};
	return ($p, $b, "state of $p->{table} unchanged") if $k == 0;
	my @d;
	for (1 .. 1 + rint(3))
	{
		my $r = rint(6);
		my $len = length($b);
		if ($r == 0 && $len > 12) { my $o = 12 + rint($len - 12); substr($b, $o, 1) = chr(rint(256)); push @d, "byte $o changed" }
		elsif ($r == 1 && $len > 16) { my $o = 12 + rint($len - 16); substr($b, $o, 4) = pack('N', pick(0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 200, 65536)); push @d, "int at $o set" }
		elsif ($r == 2 && $len > 20) { my $o = 12 + rint($len - 20); substr($b, $o, 8) = pack('Q>', pick(0, 1, 2**63 - 1, 2**63, 2**64 - 1)); push @d, "int8 at $o set" }
		elsif ($r == 3) { my $o = rint($len + 1); $b = substr($b, 0, $o); push @d, "cut at $o" }
		elsif ($r == 4) { $b .= join('', map { chr(rint(256)) } 1 .. 1 + rint(32)); push @d, 'trailing bytes' }
		elsif ($len > 40) { my $o = 12 + rint($len - 40); my $l = 1 + rint(24); substr($b, $o, $l) = join('', map { chr(rint(256)) } 1 .. $l); push @d, "$l bytes at $o random" }
	}
	if (chance(0.85)) { $b = reseal($b); push @d, 'resealed' }
	return ($p, $b, "state of $p->{table}: " . join(', ', @d));
}

sub partial_case
{
	my ($agg) = @_;
	my ($p, $b, $d) = mutated_partial($_[1] // rint(10));
	my @states = ("'\\x" . unpack('H*', $b) . "'::bytea");
	if (chance(0.3))
	{
		my $q = pick(@{$CORPUS{partials}});
		push @states, "'\\x" . unpack('H*', $q->{bytes}) . "'::bytea";
		$d .= "; with the state of $q->{table}";
	}
	my $opts = chance(0.8) ? $p->{opts} : pick('{}', '{"k": 2}', '{"category_cap": 8}', '{"table": "x.y"}', '{"pass": "guard"}');
	my $sql = $agg
		? "SELECT synth_fit_merge(s, '$opts') IS NULL FROM unnest(ARRAY[" . join(', ', @states) . ']) s'
		: "SELECT synth_fit_merge(ARRAY[" . join(', ', @states) . "], '$opts') IS NULL";
	return ($sql, "$d; options $opts");
}

sub partial_targets
{
	add_target('partial/synth_fit_merge', sub { partial_case(0, $_[0]) });
	add_target('partial/synth_fit_merge(aggregate)', sub { partial_case(1, $_[0]) });
}

sub fit_state_case
{
	my ($parallel) = @_;
	my $t = pick(sort keys %COLS);
	my @all = @{$COLS{$t}};
	my @cols = grep { chance(0.4) } @all;
	@cols = ($all[rint(scalar @all)]) unless @cols;
	my ($cfg, $d) = fit_state_config(\@cols);
	my @args = map { $_->{name} } @cols;
	if (chance(0.1)) { pop @args; $d .= '; one argument fewer' }
	elsif (chance(0.1)) { push @args, $all[rint(scalar @all)]{name}; $d .= '; one argument more' }
	elsif (chance(0.1)) { @args = ("$t.*"); $d .= '; the whole row' }
	my $sql = "SELECT length(_synth_fit_state('$cfg'::bytea"
		. join('', map { ", \"$_\"" } @args) . ")) FROM $t";
	return ($sql, "config of " . scalar(@cols) . " columns of $t: $d", $parallel ? [@PARALLEL_GUCS] : undef);
}

# ---------------------------------------------------------------------
# running the cases
# ---------------------------------------------------------------------

my @CASES;		# {id, target, desc, gucs, off, len, outcome}: the SQL is spooled
my $SPOOL;		# the cases' SQL texts, one per line, in case order
my $SPOOL_FILE;

sub generate_cases
{
	($SPOOL, $SPOOL_FILE) = tempfile('synthfuzzXXXXXX', TMPDIR => 1, UNLINK => 1);
	binmode($SPOOL);
	my $off = 0;
	for my $name (@TARGET_ORDER)
	{
		my $t = $T{$name};
		$t->{cases} = [];
		next if $t->{skip};
		next if defined $ONLY_TARGETS && $name !~ /$ONLY_TARGETS/;
		my $last = $ITER - 1;
		if (defined $ONLY_CASE)
		{
			# the cases before it are generated too: they advance the generator
			my ($ct, $ck) = $ONLY_CASE =~ /^(.*):(\d+)$/ or die "fuzz: bad case id $ONLY_CASE\n";
			next unless $ct eq $name;
			$last = $ck;
		}
		seed_target($name);
		for my $k (0 .. $last)
		{
			my ($sql, $desc, $gucs) = $t->{gen}->($k);
			my $id = "$name:$k";
			next if defined $ONLY_CASE && $id ne $ONLY_CASE;
			$sql =~ s/[\r\n]/ /g;
			my $bytes = Encode::encode('UTF-8', $sql);
			print $SPOOL $bytes, "\n";
			my $c = {id => $id, target => $name, desc => $desc, gucs => $gucs,
				off => $off, len => length($bytes)};
			$off += length($bytes) + 1;
			push @CASES, $c;
			push @{$t->{cases}}, $c;
		}
	}
	flush $SPOOL;
}

sub case_sql
{
	my ($c) = @_;
	open(my $fh, '<:raw', $SPOOL_FILE) or die "fuzz: $SPOOL_FILE: $!\n";
	seek($fh, $c->{off}, 0);
	read($fh, my $bytes, $c->{len});
	close $fh;
	return Encode::decode('UTF-8', $bytes);
}

sub case_line
{
	my ($c, $i, $sql) = @_;
	my $g = $c->{gucs} ? 'ARRAY[' . join(', ', map { lit($_) } @{$c->{gucs}}) . ']' : "'{}'";
	return "SELECT 'R $i ' || fz_try(" . dq($sql, 'q') . ", $g);\n";
}

sub reproducer
{
	my ($c) = @_;
	my $r = "-- $c->{id}: $c->{desc}\n"
		. "-- database $DB set up by test/fuzz/fuzz.pl (test/fuzz/setup.sql), as role $ROLE\n"
		. "SET search_path = fz, public;\n";
	$r .= "SET $c->{gucs}[2 * $_] = '$c->{gucs}[2 * $_ + 1]';\n" for 0 .. ($c->{gucs} ? $#{$c->{gucs}} / 2 : -1);
	return $r . case_sql($c) . ";\n";
}

sub target_crashes
{
	my ($name) = @_;
	return scalar grep { ($_->{outcome} // '') =~ /^(crash|connection lost)/ } @{$T{$name}{cases}};
}

sub run_cases
{
	my $next = 0;
	my $n = @CASES;
	my $log_ok = -r $SERVER_LOG;
	log_new_text() if $log_ok;
	while ($next < $n)
	{
		# skip targets that crashed often: each crash costs a restart
		while ($next < $n && target_crashes($CASES[$next]{target}) >= $MAX_CRASHES_PER_TARGET)
		{
			$CASES[$next]{outcome} = 'not-run';
			$next++;
		}
		last if $next >= $n;
		my ($fh, $file) = tempfile('synthfuzzXXXXXX', TMPDIR => 1, UNLINK => 1);
		binmode($fh, ':encoding(UTF-8)');
		print $fh "SET search_path = fz, public;\nSET client_min_messages = error;\n"
			. "SET statement_timeout = $TIMEOUT_MS;\n";
		my $first = $next;
		open(my $sp, '<:raw', $SPOOL_FILE) or die "fuzz: $SPOOL_FILE: $!\n";
		seek($sp, $CASES[$next]{off}, 0);
		for my $i ($next .. $n - 1)
		{
			my $bytes = <$sp>;
			chomp $bytes;
			print $fh case_line($CASES[$i], $i, Encode::decode('UTF-8', $bytes));
		}
		close $sp;
		close $fh;
		my ($efh, $errfile) = tempfile('synthfuzzXXXXXX', TMPDIR => 1, UNLINK => 1);
		close $efh;
		local $ENV{PGAPPNAME} = 'synth_fuzz_driver';
		my $pid = open(my $out, '-|', "\"$PSQL\" -X -q -At -v ON_ERROR_STOP=0 -U $ROLE -d $DB -f $file 2>$errfile");
		die "fuzz: cannot start psql\n" unless $pid;
		binmode($out, ':encoding(UTF-8)');
		my $hung;
		my $watch = fork();
		if ($watch == 0)
		{
			# the watchdog: terminates a case that runs past its limit,
			# and kills its backend if that is not interruptible
			my %since;
			while (1)
			{
				sleep 5;
				my ($o, $rc) = super_c("SELECT pid, substring(query from '^SELECT ''R ([0-9]+) ') "
					. "FROM pg_stat_activity WHERE application_name = 'synth_fuzz_driver' "
					. "AND state = 'active' AND now() - query_start > interval '$HANG_LIMIT seconds'");
				next unless $rc == 0;
				for my $l (grep { /\|/ } split /\n/, $o)
				{
					my ($bpid, $case) = split /\|/, $l;
					next unless defined $case && $case =~ /^\d+$/;
					if (!$since{$bpid})
					{
						print STDERR "fuzz: case $CASES[$case]{id} hangs: terminating backend $bpid\n";
						open(my $h, '>>', "$errfile.hung");
						print $h "$case\n";
						close $h;
						super_c("SELECT pg_terminate_backend($bpid)");
						$since{$bpid} = time;
					}
					elsif (time - $since{$bpid} > 20)
					{
						# not interruptible: SIGKILL, and the server restarts
						print STDERR "fuzz: backend $bpid ignores pg_terminate_backend: killing it\n";
						open(my $h, '>>', "$errfile.hung");
						print $h "$case killed\n";
						close $h;
						kill 'KILL', $bpid;
						$since{$bpid} = time + 1e9;
					}
				}
			}
		}
		my %got;
		while (my $l = <$out>)
		{
			chomp $l;
			next unless $l =~ /^R (\d+) (.*)$/;
			$CASES[$1]{outcome} = $2;
			$got{$1} = 1;
			printf "# %s %s\n", $CASES[$1]{id}, $2 if $VERBOSE;
		}
		close $out;
		my $rc = $? >> 8;
		kill 'TERM', $watch;
		waitpid($watch, 0);
		my $err = do { local (@ARGV, $/) = ($errfile); <> } // '';
		utf8::decode($err);
		my %hung_cases;
		if (open(my $h, '<', "$errfile.hung"))
		{
			for (<$h>) { my ($ci, $how) = /^(\d+)\s*(\S*)/; $hung_cases{$ci} = $how || 'terminated' }
			close $h;
			unlink "$errfile.hung";
		}
		my $i = $first;
		$i++ while $i < $n && $got{$i};
		if ($i >= $n)
		{
			last;
		}
		# the case at $i did not answer
		my $c = $CASES[$i];
		if ($i == $first && $err =~ /could not connect|the database system is (?:in recovery|starting up|shutting down)|Connection refused/)
		{
			wait_for_server() or die "fuzz: the server does not come back\n";
			next;
		}
		my $log = $log_ok ? (wait_for_server() && log_new_text()) // '' : '';
		wait_for_server() unless $log_ok;
		if ($hung_cases{$i})
		{
			$c->{outcome} = "hang: still running $HANG_LIMIT s after it started (statement_timeout $TIMEOUT_MS ms), "
				. ($hung_cases{$i} eq 'killed' ? 'not interruptible: pg_terminate_backend had no effect, killed' : 'terminated');
		}
		elsif ($log =~ /(server process \(PID \d+\) was terminated by (?:signal|exception)[^\n]*)/
			|| $log =~ /((?:background worker|parallel worker)[^\n]*terminated by signal[^\n]*)/
			|| $log =~ /(TRAP: [^\n]*)/)
		{
			$c->{outcome} = "crash: $1";
		}
		elsif ($rc == 2 || $err =~ /connection to server was lost|server closed the connection/)
		{
			my ($e) = $err =~ /((?:FATAL|PANIC):[^\n]*)/;
			$c->{outcome} = 'connection lost' . ($e ? ": $e" : '');
		}
		else
		{
			my ($e) = $err =~ /((?:ERROR|FATAL|PANIC):[^\n]*)/;
			# the statement timeout may strike outside the case's block
			$c->{outcome} = $e && $e =~ /^ERROR:\s+canceling statement due to statement timeout/
				? "57014 $e (outside fz_try)" : 'no result' . ($e ? ": $e" : '');
		}
		$c->{log} = $log;
		$next = $i + 1;
	}
	# crashes nobody was blamed for (a parallel worker, say)
	my $rest = $log_ok ? log_new_text() // '' : '';
	return $rest;
}

# ---------------------------------------------------------------------
# known defects and the report
# ---------------------------------------------------------------------

sub load_known
{
	my @k;
	open(my $fh, '<:encoding(UTF-8)', $KNOWN_FILE) or return ();
	my $comment = '';
	while (my $l = <$fh>)
	{
		chomp $l;
		if ($l =~ /^#\s?(.*)/) { $comment = $1; next }
		next unless $l =~ /\S/;
		my ($t, $i, $o) = split /\t+/, $l;
		die "fuzz: bad line in $KNOWN_FILE: $l\n" unless defined $o;
		push @k, {target => qr/$t/, input => qr/$i/, outcome => qr/$o/, why => $comment, line => $l};
	}
	return @k;
}

sub is_failure
{
	my ($o) = @_;
	return 0 unless defined $o;
	return 1 if $o =~ /^(crash|connection lost|hang|no result)/;
	return 1 if $o =~ /^XX/;
	return 0;
}

sub main
{
	setup();
	load_columns();
	model_targets();
	rules_targets();
	options_targets();
	fn_targets();
	load_partials();
	partial_targets();
	generate_cases();
	my @known = load_known();
	my $t0 = time;
	my $unblamed = run_cases();
	my $elapsed = time - $t0;
	make_path($OUT_DIR);

	my @targets = grep { $T{$_}{skip} ? !defined $ONLY_TARGETS && !defined $ONLY_CASE : @{$T{$_}{cases}} } @TARGET_ORDER;
	my $ntests = @targets + 1;
	print "1..$ntests\n";
	print "# fuzz: seed $SEED, $ITER cases per target, " . scalar(@CASES) . " cases in "
		. sprintf('%.0f', $elapsed) . " s; statement_timeout $TIMEOUT_MS ms\n";
	my $k = 0;
	my $total_fail = 0;
	for my $name (@targets)
	{
		$k++;
		my $t = $T{$name};
		if ($t->{skip})
		{
			print "ok $k - $name # SKIP $t->{skip}\n";
			next;
		}
		my (%states, @fails, $notrun);
		for my $c (@{$t->{cases}})
		{
			my $o = $c->{outcome} // 'not-run';
			$notrun++ if $o eq 'not-run';
			my ($s) = $o =~ /^(\S+)/;
			$states{$s}++;
			next unless is_failure($o);
			my ($kn) = grep { $name =~ $_->{target} && ($c->{desc} . "\n" . case_sql($c)) =~ $_->{input} && $o =~ $_->{outcome} } @known;
			push @fails, {case => $c, known => $kn};
		}
		my $summary = join(', ', map { "$_ $states{$_}" } sort { $states{$b} <=> $states{$a} || $a cmp $b } keys %states);
		my @new = grep { !$_->{known} } @fails;
		if (!@fails)
		{
			print "ok $k - $name ($summary)\n";
		}
		elsif (!@new)
		{
			my %why = map { $_->{known}{why} => 1 } @fails;
			print "not ok $k - $name ($summary) # TODO known defect: " . join('; ', sort keys %why) . "\n";
		}
		else
		{
			print "not ok $k - $name ($summary)\n";
			$total_fail++;
		}
		my $shown = 0;
		for my $f (@fails)
		{
			my $c = $f->{case};
			my $file = $c->{id};
			$file =~ s/[^A-Za-z0-9_.-]+/_/g;
			$file = "$OUT_DIR/$file.sql";
			if (open(my $fh, '>:encoding(UTF-8)', $file)) { print $fh reproducer($c); close $fh }
			# a known defect is one line; a new failure gets its reproducer
			if ($f->{known})
			{
				print "#   [known] $c->{id}: $c->{outcome}\n" if $shown++ < 5;
				next;
			}
			print "#   FAILED $c->{id}: $c->{outcome}\n";
			print "#     input: $c->{desc}\n";
			my $r = reproducer($c);
			$r = substr($r, 0, 4000) . "... (truncated; whole reproducer in $file)\n" if length($r) > 4000;
			print "#     reproducer ($file; or SYNTHDATA_FUZZ_SEED=$SEED SYNTHDATA_FUZZ_CASE='$c->{id}' bash test/fuzz/run.sh):\n";
			print map { "#       $_\n" } split /\n/, $r;
		}
		print "#   ... and " . ($shown - 5) . " more known\n" if $shown > 5;
		print "#   $notrun cases not run: $MAX_CRASHES_PER_TARGET crashes in this target\n" if $notrun;
	}
	$k++;
	my @lines = grep { /terminated by signal|was terminated by exception|TRAP:|PANIC:/ } split /\n/, $unblamed;
	if (@lines)
	{
		print "not ok $k - server log: a backend died outside any case\n";
		print map { "#   $_\n" } @lines;
		$total_fail++;
	}
	else
	{
		print "ok $k - server log: no backend died outside the cases\n";
	}
	return $total_fail ? 1 : 0;
}

exit(main());
