package org.nfpvnfm.tosca.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.internal.Diagnostics;

class SafeYamlReaderTest {
  private final SafeYamlReader reader = new SafeYamlReader();

  private static @Nullable Object value(YNode.YMap m, String key) {
    return Objects.requireNonNull(m.get(key)).toJava();
  }

  private Optional<YNode> read(String yaml, Diagnostics d) {
    return reader.read("t.yaml", yaml.getBytes(StandardCharsets.UTF_8), d);
  }

  @Test
  void resolvesPlainScalarsAsYaml11() {
    Diagnostics d = new Diagnostics();
    YNode.YMap m =
        (YNode.YMap)
            read("a: yes\nb: 1e5\nc: 1.0\nd: 0x1F\ne: ~\nf: '7'\ng: 010\n", d).orElseThrow();
    assertThat(value(m, "a")).isEqualTo(true);
    assertThat(value(m, "b")).isEqualTo("1e5");
    assertThat(value(m, "c")).isEqualTo(1.0);
    assertThat(value(m, "d")).isEqualTo(31L);
    assertThat(value(m, "e")).isNull();
    assertThat(value(m, "f")).isEqualTo("7");
    assertThat(value(m, "g")).isEqualTo(8L);
    assertThat(d.hasErrors()).isFalse();
  }

  @Test
  void remembersLineAndColumnOfEveryNode() {
    YNode.YMap m = (YNode.YMap) read("top:\n  child: [1, 2]\n", new Diagnostics()).orElseThrow();
    YNode.YMap top = (YNode.YMap) Objects.requireNonNull(m.get("top"));
    YNode.Entry child = Objects.requireNonNull(top.entry("child"));
    assertThat(child.keyLocation().line()).isEqualTo(2);
    assertThat(child.keyLocation().column()).isEqualTo(3);
    assertThat(((YNode.YSeq) child.value()).items().get(1).location().column()).isEqualTo(14);
  }

  @Test
  void reportsEveryDuplicateKeyWithBothPlaces() {
    Diagnostics d = new Diagnostics();
    read("a: 1\nb: 2\na: 3\nb: 4\n", d);
    assertThat(d.sorted())
        .extracting(Diagnostic::code)
        .containsExactly(DiagnosticCode.YAML_DUPLICATE_KEY, DiagnosticCode.YAML_DUPLICATE_KEY);
    assertThat(d.sorted().get(0).message()).contains("first at line 1");
    assertThat(d.sorted().get(0).location().line()).isEqualTo(3);
  }

  @Test
  void stopsAnAliasBombQuicklyAndWithoutExhaustingMemory() {
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 30; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 10; k++) {
        sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    Diagnostics d = new Diagnostics();
    long start = System.nanoTime();
    assertThat(read(sb.toString(), d)).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(d.sorted())
        .extracting(Diagnostic::code)
        .containsAnyOf(DiagnosticCode.YAML_TOO_MANY_ALIASES, DiagnosticCode.YAML_TOO_LARGE);
  }

  @Test
  void stopsAFewAliasesThatExpandPastTheNodeBudget() {
    SafeYamlReader small = new SafeYamlReader(new SafeYamlReader.Limits(1 << 20, 128, 256, 1000));
    StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 5; i++) {
      sb.append("a").append(i).append(": &a").append(i).append(" [");
      for (int k = 0; k < 10; k++) {
        sb.append(k == 0 ? "" : ", ").append("*a").append(i - 1);
      }
      sb.append("]\n");
    }
    Diagnostics d = new Diagnostics();
    assertThat(small.read("t.yaml", sb.toString().getBytes(StandardCharsets.UTF_8), d)).isEmpty();
    assertThat(d.sorted()).extracting(Diagnostic::code).contains(DiagnosticCode.YAML_TOO_LARGE);
  }

  @Test
  void rejectsVeryDeepNestingWithoutOverflowingTheStack() {
    String deep = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
    Diagnostics d = new Diagnostics();
    assertThat(read(deep, d)).isEmpty();
    assertThat(d.sorted())
        .extracting(Diagnostic::code)
        .containsExactly(DiagnosticCode.YAML_TOO_DEEP);
  }

  @Test
  void rejectsAFileOverTheSizeLimitBeforeParsingIt() {
    SafeYamlReader small = new SafeYamlReader(new SafeYamlReader.Limits(1024, 128, 256, 1000));
    Diagnostics d = new Diagnostics();
    byte[] big = ("a: " + "x".repeat(2000)).getBytes(StandardCharsets.UTF_8);
    assertThat(small.read("t.yaml", big, d)).isEmpty();
    assertThat(d.sorted())
        .extracting(Diagnostic::code)
        .containsExactly(DiagnosticCode.YAML_TOO_LARGE);
  }

  @Test
  void namesTheLineOfAnInvalidUtf8Byte() {
    byte[] bytes = {'a', ':', ' ', '1', '\n', 'b', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
    Diagnostics d = new Diagnostics();
    assertThat(reader.read("t.yaml", bytes, d)).isEmpty();
    Diagnostic diag = d.sorted().get(0);
    assertThat(diag.code()).isEqualTo(DiagnosticCode.YAML_INVALID_ENCODING);
    assertThat(diag.location().line()).isEqualTo(2);
    assertThat(diag.location().column()).isEqualTo(4);
  }

  @Test
  void reportsSyntaxErrorsWithTheirPlace() {
    Diagnostics d = new Diagnostics();
    assertThat(read("a: [1, 2\nb: 3\n", d)).isEmpty();
    assertThat(d.sorted().get(0).code()).isEqualTo(DiagnosticCode.YAML_SYNTAX);
    assertThat(d.sorted().get(0).location().line()).isGreaterThan(0);
  }
}
