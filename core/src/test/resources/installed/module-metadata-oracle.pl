# Test oracle: reads "FILE<TAB>MODULE" lines on stdin and prints "FILE<TAB>VERSION" where
# VERSION is what Perl's own Module::Metadata finds for MODULE in FILE ("undef" when none,
# "ERROR" when Module::Metadata dies). Run by InstalledTreesOracleTest on installed perl trees.
use strict;
use warnings;
use Module::Metadata;

local $SIG{__WARN__} = sub { };
binmode STDOUT, ':utf8';
while (my $line = <STDIN>) {
    chomp $line;
    my ($file, $module) = split /\t/, $line;
    my $meta = eval { Module::Metadata->new_from_file($file) };
    if (!$meta) {
        print "$file\tERROR\n";
        next;
    }
    my $v = $meta->version($module);
    print "$file\t", (defined $v && length "$v" ? "$v" : "undef"), "\n";
}
