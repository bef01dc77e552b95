# The reference for VersionRange.parseRequirement: Perl's own CPAN::Meta::Requirements.
# Reads lines "<hex range>\t<hex version>\t<hex version>..." and answers per line:
#   OK <0|1 per version, concatenated>   accepts_module for each version
#   ILLEGAL                               the requirement can never be met
#   ERR <hex message>                     the requirement cannot be read
use strict;
use warnings;
use CPAN::Meta::Requirements;

binmode STDIN;
binmode STDOUT;

sub dehex { return pack 'H*', $_[0] }

while (my $line = <STDIN>) {
    chomp $line;
    my ($range, @versions) = map { dehex($_) } split /\t/, $line, -1;
    my $req = eval { CPAN::Meta::Requirements->from_string_hash({ M => $range }) };
    if (!$req) {
        my $e = $@;
        if ($e =~ /illegal requirements/) { print "ILLEGAL\n"; next }
        $e =~ s/ at \S+ line \d+.*//s;
        print "ERR\t", unpack('H*', $e), "\n";
        next;
    }
    print "OK\t", join('', map { $req->accepts_module(M => $_) ? 1 : 0 } @versions), "\n";
}
