# The reference reading of a cpanfile: Module::CPANfile's, base prerequisites plus all features.
#   perl cpanfile-oracle.pl CPANFILE
# prints "phase<TAB>relationship<TAB>module<TAB>requirement" lines, or "ERROR<TAB>message".
#
# Module::CPANfile reads a cpanfile by evaluating it as Perl. The data pack's manifests must never
# be run as programs, so the file's code is compiled under an operator mask (Opcode's :default
# set: no file or network I/O, no processes, no require, no system calls) after everything this
# script needs is loaded. The code can then do nothing but call the cpanfile DSL.
use strict;
use warnings;
use Module::CPANfile;
use Module::CPANfile::Environment;
use CPAN::Meta::Prereqs;
use CPAN::Meta::Requirements;
use CPAN::Meta::Feature;
use B ();
use Opcode qw(opset invert_opset opmask_add);

my $file = shift or die "usage: $0 CPANFILE\n";
my $code = do { open my $fh, '<', $file or die "$file: $!"; local $/; <$fh> };
# `use strict;` and `use warnings;` need require, which the mask forbids; they do not change
# what a cpanfile declares, so they become blank lines (line numbers stay).
$code =~ s/^[ \t]*use[ \t]+(?:strict|warnings)\b[^;\n]*;[ \t]*$//mg;

my $env = Module::CPANfile::Environment->new($file);
my $wrapped = "package Module::CPANfile::Sandbox1;\n"
    . "BEGIN { \$_environment->bind }\n# line 1 \"$file\"\n$code;\n1;\n";
{
    opmask_add(invert_opset(opset(':default')));
    local $@;
    my $ok = Module::CPANfile::Environment::_evaluate($env, $wrapped);
    if (!$ok) { (my $e = $@ || 'failed') =~ s/\n/ /g; print "ERROR\t$e\n"; exit 0 }
}
my $cpanfile = bless { _prereqs => $env->prereqs, _mirrors => $env->mirrors }, 'Module::CPANfile';
my @features = map { $_->identifier } $cpanfile->features;
my $prereqs = $cpanfile->prereqs_with(@features)->as_string_hash;
for my $phase (sort keys %$prereqs) {
    for my $rel (sort keys %{ $prereqs->{$phase} }) {
        my $reqs = $prereqs->{$phase}{$rel};
        print join("\t", $phase, $rel, $_, $reqs->{$_}), "\n" for sort keys %$reqs;
    }
}
