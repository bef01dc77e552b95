package org.cpansec.cpan;

/**
 * A Perl package name as used in requirements, e.g. {@code Plack::Request}. The special name {@code
 * perl} (the interpreter itself, used in prerequisites) is a valid module name.
 */
public record ModuleName(String value) {
  public ModuleName {
    if (value == null || !isValid(value)) {
      throw new IllegalArgumentException(
          "not a module name: '"
              + value
              + "' (expected identifiers separated by '::', e.g. Foo::Bar)");
    }
  }

  /**
   * Identifiers separated by {@code ::}, the first not starting with a digit. Perl also allows the
   * old {@code '} separator; CPAN::Meta requirements never use it, so neither do we. Checked by
   * hand rather than by regex: lock files hold thousands of module names.
   */
  private static boolean isValid(String s) {
    int n = s.length();
    if (n == 0 || !(isLetter(s.charAt(0)) || s.charAt(0) == '_')) {
      return false;
    }
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && isWordChar(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        return false;
      }
      if (i < n) {
        if (s.charAt(i) != ':' || i + 1 >= n || s.charAt(i + 1) != ':') {
          return false;
        }
        i += 2;
        if (i >= n) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isLetter(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  private static boolean isWordChar(char c) {
    return isLetter(c) || (c >= '0' && c <= '9') || c == '_';
  }

  public static ModuleName of(String text) {
    return new ModuleName(text);
  }

  public boolean isPerl() {
    return value.equals("perl");
  }

  @Override
  public String toString() {
    return value;
  }
}
