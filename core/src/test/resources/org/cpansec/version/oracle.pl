# The reference for PerlVersion: asks Perl's own version.pm.
# Reads lines from stdin, hex-encoded so any byte survives:
#   S <hex>           -> S <status> ...   one version string
#   P <hex> <hex>     -> P <cmp>          version->parse(a) <=> version->parse(b)
# Replies one line per input line, fields separated by tabs:
#   S OK <hex original> <normal> <alpha 0|1> <numify> <hex ignored text or ->
#   S ERR <hex reason>
#   P <-1|0|1> | P ERR
# "UNDEF" (not hex) stands for Perl's undef.
use strict;
use warnings;
use version;

binmode STDIN;
binmode STDOUT;
$| = 0;

my $ignored;
$SIG{__WARN__} = sub {
    my ($w) = @_;
    if ($w =~ /contains invalid data; ignoring: '(.*)' at /s) { $ignored = $1 }
};

sub dehex { my ($h) = @_; return undef if $h eq 'UNDEF'; return pack 'H*', $h }
sub hex_of { return unpack 'H*', $_[0] }

sub reason {
    my ($e) = @_;
    $e =~ s/ at \S+ line \d+(?:, <\w+> (?:line|chunk) \d+)?\.?\n?\z//;
    return $e;
}

while (my $line = <STDIN>) {
    chomp $line;
    my ($kind, @args) = split /\t/, $line, -1;
    if ($kind eq 'S') {
        $ignored = undef;
        my $v = eval { version->parse(dehex($args[0])) };
        if (!defined $v) {
            print "S\tERR\t", hex_of(reason($@)), "\n";
            next;
        }
        my $numify = do { no warnings; $v->numify };
        print join("\t", 'S', 'OK', hex_of("$v"), $v->normal, ($v->is_alpha ? 1 : 0),
            $numify, defined $ignored ? hex_of($ignored) : '-'), "\n";
    }
    elsif ($kind eq 'P') {
        my $cmp = eval {
            no warnings;
            version->parse(dehex($args[0])) <=> version->parse(dehex($args[1]));
        };
        print "P\t", (defined $cmp ? $cmp : 'ERR'), "\n";
    }
    else {
        die "oracle.pl: unknown request kind '$kind'\n";
    }
}
