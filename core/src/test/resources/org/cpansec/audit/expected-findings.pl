# An independent computation of the pinned findings of a Carton snapshot, for the audit's
# differential test. Written separately from the Java code: its own snapshot reading, its own
# range reading, and Perl's own version.pm for every comparison.
#   perl expected-findings.pl DATABASE.json cpanfile.snapshot
# prints "dist<TAB>version<TAB>advisory-id" for every advisory that affects a pinned release
# (in an affected range, in no fixed range), sorted and unique.
use strict;
use warnings;
use JSON::PP;
use version;

my ($db_file, $snapshot) = @ARGV;
my $db = do {
    open my $fh, '<:raw', $db_file or die "$db_file: $!";
    local $/;
    JSON::PP->new->decode(<$fh>);
};

sub in_range {
    my ($range, $v) = @_;
    for my $part (split /,/, $range) {
        $part =~ s/^\s+|\s+$//g;
        my ($op, $ver) = $part =~ /^(<=|>=|==|!=|<|>|=)?\s*(.+)$/ or return 0;
        $op = '==' if !defined $op || $op eq '=';
        my $c = version->parse($v) <=> version->parse($ver);
        my $ok = $op eq '<' ? $c < 0 : $op eq '<=' ? $c <= 0 : $op eq '==' ? $c == 0
               : $op eq '!=' ? $c != 0 : $op eq '>' ? $c > 0 : $c >= 0;
        return 0 unless $ok;
    }
    return 1;
}

sub ranges { my ($x) = @_; return () unless defined $x; return ref $x ? @$x : ($x) }

my %out;
open my $fh, '<', $snapshot or die "$snapshot: $!";
while (my $line = <$fh>) {
    next unless $line =~ m{^    pathname: \S+/([^/\s]+?)\.(?:tar\.gz|tgz|tar\.bz2|zip)\s*$};
    my $file = $1;
    my ($dist, $ver) = $file =~ /^(.+)-(v?\d[\w.]*)$/ or next;
    next unless eval { version->parse($ver); 1 };
    my $entry = $db->{dists}{$dist} or next;
    for my $adv (@{ $entry->{advisories} }) {
        my $hit = grep { eval { in_range($_, $ver) } } ranges($adv->{affected_versions});
        my $fixed = grep { eval { in_range($_, $ver) } } ranges($adv->{fixed_versions});
        $out{"$dist\t$ver\t$adv->{id}"} = 1 if $hit && !$fixed;
    }
}
print "$_\n" for sort keys %out;
