package org.nfpvnfm.events.cli;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.nfpvnfm.events.EventType;
import picocli.CommandLine;

/** Reads {@code --type}: a short name such as {@code graph.compiled.v1}, or the full type. */
final class EventTypeConverter implements CommandLine.ITypeConverter<EventType> {
  @Override
  public EventType convert(String value) {
    return EventType.byType(value.strip())
        .orElseThrow(
            () ->
                new CommandLine.TypeConversionException(
                    "'"
                        + value
                        + "' is not an event type; the types are: "
                        + Arrays.stream(EventType.values())
                            .map(EventType::shortName)
                            .collect(Collectors.joining(", "))
                        + " (or the same with the prefix "
                        + EventType.PREFIX
                        + ")"));
  }
}
