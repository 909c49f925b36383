package dev.kubeherd.cli.project;

import dev.kubeherd.cli.CliException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * Asks questions on a terminal (or whatever feeds standard input): each answer is one line, an
 * empty line takes the default shown in brackets. Running out of input is an error that says how to
 * avoid prompts.
 */
final class Prompter {
  private final BufferedReader in;
  private final PrintWriter out;

  Prompter(BufferedReader in, PrintWriter out) {
    this.in = in;
    this.out = out;
  }

  /** Free text; {@code ""} default means optional. */
  String text(String question, String defaultValue) {
    out.print("? " + question + (defaultValue.isEmpty() ? "" : " [" + defaultValue + "]") + ": ");
    out.flush();
    String answer = readLine().strip();
    return answer.isEmpty() ? defaultValue : answer;
  }

  /** Free text that may not be empty: asked again, as v1's prompts did, until there is one. */
  String required(String question, String defaultValue) {
    while (true) {
      String answer = text(question, defaultValue);
      if (!answer.isEmpty()) {
        return answer;
      }
      out.println("  a value is required");
    }
  }

  boolean yesNo(String question, boolean defaultValue) {
    while (true) {
      String a = text(question + " (y/n)", defaultValue ? "y" : "n").toLowerCase(Locale.ROOT);
      if (a.equals("y") || a.equals("yes")) {
        return true;
      }
      if (a.equals("n") || a.equals("no")) {
        return false;
      }
      out.println("  please answer y or n");
    }
  }

  /** One of {@code choices} by number or text; the first is the default. */
  String choose(String question, List<String> choices) {
    for (int i = 0; i < choices.size(); i++) {
      out.println("  " + (i + 1) + ") " + choices.get(i));
    }
    while (true) {
      String a = text(question, choices.get(0));
      for (int i = 0; i < choices.size(); i++) {
        if (a.equals(String.valueOf(i + 1)) || a.equalsIgnoreCase(choices.get(i))) {
          return choices.get(i);
        }
      }
      out.println("  please answer with one of 1-" + choices.size());
    }
  }

  private String readLine() {
    try {
      String line = in.readLine();
      if (line == null) {
        throw new CliException(
            "standard input ended while answering the project questions; pass the project"
                + " Secret with -f FILE, or -x to take every default");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read an answer from standard input", e);
    }
  }
}
