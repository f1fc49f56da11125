package org.nfpvnfm.tosca.internal.yaml;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads one YAML document into a located {@link YNode} tree in bounded time and memory, whatever
 * the bytes: hostile input (alias bombs, deep nesting, huge files, duplicate keys, invalid UTF-8)
 * becomes a diagnostic, never an exception or an exhausted heap.
 *
 * <p>Two passes: an iterative event scan enforces the depth and alias limits before the recursive
 * composer ever sees the text, then the composed tree is copied into {@code YNode}s under a node
 * budget, which is what stops alias expansion from multiplying a small file into a huge tree.
 */
public final class SafeYamlReader {

  /** Bounds for one file. */
  public record Limits(int maxBytes, int maxDepth, int maxAliases, int maxNodes) {
    public static final Limits DEFAULT = new Limits(8 << 20, 128, 256, 1_000_000);
  }

  private final Limits limits;

  public SafeYamlReader(Limits limits) {
    this.limits = limits;
  }

  public SafeYamlReader() {
    this(Limits.DEFAULT);
  }

  /** Reads {@code bytes} as the YAML file {@code file}; empty when it cannot be read. */
  public Optional<YNode> read(String file, byte[] bytes, Diagnostics diags) {
    if (bytes.length > limits.maxBytes()) {
      diags.report(
          DiagnosticCode.YAML_TOO_LARGE,
          SourceLocation.ofFile(file),
          "the file is %d bytes; the limit is %d bytes".formatted(bytes.length, limits.maxBytes()));
      return Optional.empty();
    }
    String text = decode(file, bytes, diags);
    if (text == null) {
      return Optional.empty();
    }
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(true) // duplicates are found below, with both places reported
            .setAllowRecursiveKeys(false)
            .setMaxAliasesForCollections(limits.maxAliases())
            .setCodePointLimit(Math.max(limits.maxBytes(), 1))
            .setUseMarks(true)
            .build();
    try {
      if (!scan(file, text, settings, diags)) {
        return Optional.empty();
      }
      Optional<Node> root = new Compose(settings).composeString(text);
      if (root.isEmpty()) {
        return Optional.of(new YNode.YMap(List.of(), new SourceLocation(file, 1, 1)));
      }
      Converter c = new Converter(file, diags);
      YNode node = c.convert(root.get(), 0);
      return c.failed ? Optional.empty() : Optional.ofNullable(node);
    } catch (MarkedYamlEngineException e) {
      diags.report(DiagnosticCode.YAML_SYNTAX, at(file, e.getProblemMark()), describe(e));
    } catch (YamlEngineException e) {
      String msg = String.valueOf(e.getMessage());
      DiagnosticCode code =
          msg.contains("aliases")
              ? DiagnosticCode.YAML_TOO_MANY_ALIASES
              : DiagnosticCode.YAML_SYNTAX;
      diags.report(code, SourceLocation.ofFile(file), msg.strip());
    } catch (StackOverflowError e) {
      diags.report(
          DiagnosticCode.YAML_TOO_DEEP,
          SourceLocation.ofFile(file),
          "the document nests too deeply to be read");
    }
    return Optional.empty();
  }

  private boolean scan(String file, String text, LoadSettings settings, Diagnostics diags) {
    int depth = 0;
    int aliases = 0;
    int documents = 0;
    for (Event ev : new Parse(settings).parseString(text)) {
      switch (ev.getEventId()) {
        case MappingStart, SequenceStart -> {
          depth++;
          if (depth > limits.maxDepth()) {
            diags.report(
                DiagnosticCode.YAML_TOO_DEEP,
                at(file, ev.getStartMark()),
                "nesting is deeper than %d levels".formatted(limits.maxDepth()));
            return false;
          }
        }
        case MappingEnd, SequenceEnd -> depth--;
        case Alias -> {
          aliases++;
          if (aliases > limits.maxAliases()) {
            diags.report(
                DiagnosticCode.YAML_TOO_MANY_ALIASES,
                at(file, ev.getStartMark()),
                "more than %d aliases; a descriptor needs few, and many are the sign of an alias bomb"
                    .formatted(limits.maxAliases()));
            return false;
          }
        }
        case DocumentStart -> {
          documents++;
          if (documents > 1) {
            diags.report(
                DiagnosticCode.YAML_SYNTAX,
                at(file, ev.getStartMark()),
                "a descriptor holds one YAML document; a second one starts here");
            return false;
          }
        }
        default -> {}
      }
    }
    return true;
  }

  private static @Nullable String decode(String file, byte[] bytes, Diagnostics diags) {
    int start = 0;
    if (bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      start = 3;
    }
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return dec.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
    } catch (CharacterCodingException e) {
      int bad = firstInvalidUtf8(bytes, start);
      int line = 1;
      int col = 1;
      for (int i = start; i < bad; i++) {
        if (bytes[i] == '\n') {
          line++;
          col = 1;
        } else if ((bytes[i] & 0xC0) != 0x80) {
          col++;
        }
      }
      diags.report(
          DiagnosticCode.YAML_INVALID_ENCODING,
          new SourceLocation(file, line, col),
          "byte 0x%02X at offset %d is not valid UTF-8; descriptors must be UTF-8 text"
              .formatted(bytes[Math.min(bad, bytes.length - 1)] & 0xff, bad));
      return null;
    }
  }

  private static int firstInvalidUtf8(byte[] b, int from) {
    int i = from;
    while (i < b.length) {
      int c = b[i] & 0xff;
      int n;
      if (c < 0x80) {
        n = 0;
      } else if (c >= 0xC2 && c <= 0xDF) {
        n = 1;
      } else if (c >= 0xE0 && c <= 0xEF) {
        n = 2;
      } else if (c >= 0xF0 && c <= 0xF4) {
        n = 3;
      } else {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) {
          return i;
        }
      }
      i += n + 1;
    }
    return Math.max(from, b.length - 1);
  }

  private static String describe(MarkedYamlEngineException e) {
    StringBuilder sb = new StringBuilder();
    String ctx = e.getContext();
    if (ctx != null && !ctx.isBlank()) {
      sb.append(ctx.strip()).append(": ");
    }
    sb.append(String.valueOf(e.getProblem()).strip());
    return sb.toString();
  }

  static SourceLocation at(String file, Optional<Mark> mark) {
    return mark.map(m -> new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.ofFile(file));
  }

  private final class Converter {
    private final String file;
    private final Diagnostics diags;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int budget = limits.maxNodes();
    boolean failed;

    Converter(String file, Diagnostics diags) {
      this.file = file;
      this.diags = diags;
    }

    @Nullable YNode convert(Node n, int depth) {
      if (failed) {
        return null;
      }
      if (--budget < 0) {
        fail(
            DiagnosticCode.YAML_TOO_LARGE,
            n,
            "the document expands to more than %d nodes (aliases multiply it)"
                .formatted(limits.maxNodes()));
        return null;
      }
      if (depth > limits.maxDepth()) {
        fail(
            DiagnosticCode.YAML_TOO_DEEP,
            n,
            "nesting (with aliases expanded) is deeper than %d levels"
                .formatted(limits.maxDepth()));
        return null;
      }
      SourceLocation loc = at(file, n.getStartMark());
      switch (n) {
        case ScalarNode s -> {
          String text = s.getValue();
          Object v = text;
          if (s.getScalarStyle() == ScalarStyle.PLAIN) {
            Object r = Yaml11Scalars.resolvePlain(text);
            if (r == Yaml11Scalars.NULL_VALUE) {
              v = null;
            } else if (r != null) {
              v = r;
            }
          }
          return new YNode.YScalar(v, text, s.getScalarStyle() == ScalarStyle.PLAIN, loc);
        }
        case SequenceNode seq -> {
          if (!inProgress.add(n)) {
            fail(DiagnosticCode.YAML_SYNTAX, n, "an alias refers to a list that contains it");
            return null;
          }
          List<YNode> items = new ArrayList<>(seq.getValue().size());
          for (Node child : seq.getValue()) {
            YNode c = convert(child, depth + 1);
            if (c == null) {
              return null;
            }
            items.add(c);
          }
          inProgress.remove(n);
          return new YNode.YSeq(items, loc);
        }
        case MappingNode map -> {
          if (!inProgress.add(n)) {
            fail(DiagnosticCode.YAML_SYNTAX, n, "an alias refers to a mapping that contains it");
            return null;
          }
          List<YNode.Entry> entries = new ArrayList<>(map.getValue().size());
          Map<String, SourceLocation> firstSeen = new HashMap<>();
          List<YNode.Entry> merged = new ArrayList<>();
          for (NodeTuple t : map.getValue()) {
            Node k = t.getKeyNode();
            SourceLocation kloc = at(file, k.getStartMark());
            if (!(k instanceof ScalarNode ks)) {
              fail(DiagnosticCode.YAML_SYNTAX, k, "a mapping key must be a plain value");
              return null;
            }
            String key = ks.getValue();
            YNode value = convert(t.getValueNode(), depth + 1);
            if (value == null) {
              return null;
            }
            if (key.equals("<<") && ks.getScalarStyle() == ScalarStyle.PLAIN) {
              collectMerge(value, merged);
              continue;
            }
            SourceLocation prev = firstSeen.putIfAbsent(key, kloc);
            if (prev != null) {
              diags.report(
                  DiagnosticCode.YAML_DUPLICATE_KEY,
                  kloc,
                  "key \"%s\" appears twice in this mapping (first at line %d)"
                      .formatted(key, prev.line()));
              continue;
            }
            entries.add(new YNode.Entry(key, kloc, value));
          }
          for (YNode.Entry m : merged) {
            if (!firstSeen.containsKey(m.key())) {
              firstSeen.put(m.key(), m.keyLocation());
              entries.add(m);
            }
          }
          inProgress.remove(n);
          return new YNode.YMap(entries, loc);
        }
        default -> {
          fail(DiagnosticCode.YAML_SYNTAX, n, "unsupported YAML node");
          return null;
        }
      }
    }

    private void collectMerge(YNode value, List<YNode.Entry> out) {
      if (value instanceof YNode.YMap m) {
        for (YNode.Entry e : m.entries()) {
          if (out.stream().noneMatch(x -> x.key().equals(e.key()))) {
            out.add(e);
          }
        }
      } else if (value instanceof YNode.YSeq s) {
        for (YNode item : s.items()) {
          collectMerge(item, out);
        }
      }
    }

    private void fail(DiagnosticCode code, Node n, String message) {
      failed = true;
      diags.report(code, at(file, n.getStartMark()), message);
    }
  }
}
