package org.nfpvnfm.tosca;

/**
 * A place in a descriptor: the file as the operator knows it (relative to the package root where
 * there is a package) and a 1-based line and column; 0 means "the whole file".
 */
public record SourceLocation(String file, int line, int column) {

  public SourceLocation {
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException(
          "line: %d, column: %d (expected: both >= 0)".formatted(line, column));
    }
  }

  public static SourceLocation ofFile(String file) {
    return new SourceLocation(file, 0, 0);
  }

  @Override
  public String toString() {
    if (line == 0) {
      return file;
    }
    return column == 0 ? file + ":" + line : file + ":" + line + ":" + column;
  }
}
